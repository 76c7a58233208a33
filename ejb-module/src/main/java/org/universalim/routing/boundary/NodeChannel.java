package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.cluster.boundary.ClusterMembership;
import org.universalim.platform.tls.MutualTlsClient;
import org.universalim.routing.control.NodeWire;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls to the other nodes of this ISP (R12), over their federation port with the ISP's own certificate
 * ({@link MutualTlsClient}): {@code POST <node url>/federation/internal/batch} with a {@link NodeWire} batch.
 * Calls to one node go in order: whatever queued while a batch was on its way goes as the next batch, so
 * a burst costs few round trips and a user's messages and presence arrive in the order they were sent.
 *
 * <p>What a failed batch (no answer in time, an error) becomes: a {@code dispatch} fails at once, with the dispatches
 * queued behind it, so that their callers pass the messages on (to the next device, or storage: nothing is lost, and
 * nothing overtakes them); an {@code outbox} nudge is dropped (the ISP-work node's sweep finds the work within a
 * second); every other call (receipts and the other pushes, {@code stored}, {@code close}) is sent again, in order and
 * ahead of what came after, with a back-off, for as long as the node is in the node table. A batch the node refuses
 * (a 4xx answer: it would refuse it again) fails whole. A node declared dead takes
 * what waits for it with it (its sessions are gone). Beyond {@value #MAX_WAITING} waiting calls new pushes are dropped
 * and logged.
 */
@ApplicationScoped
public class NodeChannel {

    static final int MAX_BATCH = 200;
    static final int MAX_WAITING = 50_000;
    static final long FIRST_RETRY_MILLIS = 200;
    static final long LAST_RETRY_MILLIS = 5_000;

    @Inject
    MutualTlsClient tls;

    @Inject
    @ConfigProperty(name = "federation.call.timeout.ms", defaultValue = "10000")
    long callTimeoutMillis;

    @EJB
    ClusterMembership membership;

    @Inject
    Logger log;

    // the container's scheduler
    @Resource(type = ManagedScheduledExecutorService.class)
    ScheduledExecutorService scheduler;

    private final ConcurrentHashMap<String, Link> links = new ConcurrentHashMap<>();

    /** Asks a node to hand a stored message to the recipient's devices there; completes with what became of it. */
    public CompletableFuture<SendResult> dispatch(String node, String messageId, Set<String> failed) {
        return link(node).send(NodeWire.Call.dispatch(messageId, failed)).thenApply(result -> {
            if (result == null) {
                throw new IllegalStateException("node " + node + " could not dispatch " + messageId);
            }
            return result;
        });
    }

    public void push(String node, Collection<String> users, Delivery delivery) {
        quietly(node, NodeWire.Call.push(users, delivery));
    }

    public void close(String node, String user, String device, String reason) {
        quietly(node, NodeWire.Call.close(user, device, reason));
    }

    public void deliverStored(String node, Collection<String> users) {
        quietly(node, NodeWire.Call.stored(users));
    }

    public void outboxFilled(String node, String peer) {
        quietly(node, NodeWire.Call.outbox(peer));
    }

    /**
     * Tells a node that this one ({@code self}) joined; completes once it answered (sent again, as a push, while it does
     * not).
     */
    public CompletableFuture<Void> joined(String node, String self) {
        return link(node).send(NodeWire.Call.joined(self)).thenApply(answered -> null);
    }

    /** Calls waiting for a node (for tests and metrics). */
    public int waiting(String node) {
        Link link = links.get(node);
        return link == null ? 0 : link.size.get();
    }

    private void quietly(String node, NodeWire.Call call) {
        link(node).send(call).exceptionally(failure -> {
            log.log(Level.FINE, "node " + node + " did not take " + call.op(), failure);
            return null;
        });
    }

    private Link link(String node) {
        return links.computeIfAbsent(node, Link::new);
    }

    private record Pending(NodeWire.Call call, CompletableFuture<SendResult> done) {

        boolean retried() {
            return !NodeWire.DISPATCH.equals(call.op()) && !NodeWire.OUTBOX.equals(call.op());
        }
    }

    /** The other node refused a batch (4xx): sending it again would change nothing. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Refused) {
                return true;
            }
        }
        return false;
    }

    /** The ordered line to one node: one batch on its way at a time. */
    private final class Link {
        private final String node;
        private final ConcurrentLinkedDeque<Pending> queue = new ConcurrentLinkedDeque<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean sending = new AtomicBoolean();
        private int failures;
        private volatile boolean overflowing;

        Link(String node) {
            this.node = node;
        }

        CompletableFuture<SendResult> send(NodeWire.Call call) {
            Pending pending = new Pending(call, new CompletableFuture<>());
            if (size.get() >= MAX_WAITING) {
                if (!overflowing) {
                    overflowing = true;
                    log.warning(() -> MAX_WAITING + " calls wait for node " + node + ": new calls are refused until it answers");
                }
                pending.done().completeExceptionally(new IllegalStateException("too many calls wait for node " + node));
                return pending.done();
            }
            size.incrementAndGet();
            queue.add(pending);
            next();
            return pending.done();
        }

        private List<Pending> take() {
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
                size.decrementAndGet();
                batch.add(p);
            }
            return batch;
        }

        private void next() {
            while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
                List<Pending> batch = take();
                if (batch.isEmpty()) {
                    sending.set(false);
                    continue;
                }
                String url = membership.urlOf(node);
                if (url == null) {
                    fail(batch, new IllegalStateException("node " + node + " is not in the node table"));
                    sending.set(false);
                    continue;
                }
                String json = NodeWire.write(new NodeWire.Batch(batch.stream().map(Pending::call).toList()));
                CompletableFuture<String> answer = post(url, json);
                if (answer.isDone()) {
                    if (!settle(batch, answer)) {
                        return; // sent again after a back-off
                    }
                    sending.set(false);
                    continue; // loop rather than recurse
                }
                answer.whenComplete((body, failure) -> {
                    if (settle(batch, answer)) {
                        sending.set(false);
                        next();
                    }
                });
                return;
            }
        }

        private CompletableFuture<String> post(String url, String json) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/federation/internal/batch"))
                        .timeout(Duration.ofMillis(callTimeoutMillis)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
                return tls.client(null).sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    if (response.statusCode() >= 400 && response.statusCode() < 500) {
                        throw new Refused(url + " refused a batch: " + response.statusCode() + " " + response.body());
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
                    }
                    return response.body();
                });
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** Completes the batch's calls from the answer; false when the batch failed and will be sent again. */
        private boolean settle(List<Pending> batch, CompletableFuture<String> answer) {
            List<SendResult> results;
            try {
                results = NodeWire.readAnswers(answer.join()).results();
            } catch (RuntimeException e) {
                return failed(batch, e);
            }
            failures = 0;
            overflowing = false;
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(i < results.size() ? results.get(i) : null);
            }
            return true;
        }

        /**
         * A batch failed: dispatches fail (and those behind them), nudges are dropped, the rest goes again at the head
         * of the line after a back-off; false when it does.
         */
        private boolean failed(List<Pending> batch, Throwable failure) {
            if (refused(failure)) {
                // the node will not take this batch however often it is sent: its calls fail, the line goes on
                log.warning(() -> "node " + node + " refused a batch of " + batch.size() + " calls: " + failure.getMessage());
                fail(batch, failure);
                return true;
            }
            if (membership.urlOf(node) == null) {
                List<Pending> all = new ArrayList<>(batch);
                all.addAll(take());
                fail(all, failure);
                return true;
            }
            List<Pending> again = new ArrayList<>();
            List<Pending> given = new ArrayList<>();
            for (Pending p : batch) {
                (p.retried() ? again : given).add(p);
            }
            for (Pending p : queue) {
                if (NodeWire.DISPATCH.equals(p.call().op()) && queue.remove(p)) {
                    size.decrementAndGet();
                    given.add(p);
                }
            }
            fail(given, failure);
            if (again.isEmpty()) {
                return true;
            }
            for (int i = again.size() - 1; i >= 0; i--) {
                queue.addFirst(again.get(i));
                size.incrementAndGet();
            }
            long delay = Math.min(LAST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failures, 10));
            failures++;
            log.log(failures == 1 ? Level.INFO : Level.FINE, "node " + node + " did not take a batch (" + failure.getMessage()
                    + "); " + again.size() + " calls go again in " + delay + " ms");
            scheduler.schedule(() -> {
                sending.set(false);
                next();
            }, delay, TimeUnit.MILLISECONDS);
            return false;
        }

        private void fail(List<Pending> batch, Throwable failure) {
            if (!batch.isEmpty()) {
                log.log(Level.FINE, batch.size() + " calls for node " + node + " failed", failure);
            }
            batch.forEach(p -> p.done().completeExceptionally(failure));
        }
    }
}
