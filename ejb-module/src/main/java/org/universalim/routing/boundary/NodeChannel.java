package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls to the other nodes of this ISP (R12), over their federation port with the ISP's own certificate
 * ({@link MutualTlsClient}): {@code POST <node url>/federation/internal/batch} with a {@link NodeWire} batch.
 * Calls to one node go in order: whatever queued while a batch was on its way goes as the next batch, so
 * a burst costs few round trips and a user's messages and presence arrive in the order they were sent.
 */
@ApplicationScoped
public class NodeChannel {

    static final int MAX_BATCH = 200;

    @Inject
    MutualTlsClient tls;

    @Inject
    @ConfigProperty(name = "federation.call.timeout.ms", defaultValue = "10000")
    long callTimeoutMillis;

    @EJB
    ClusterMembership membership;

    @Inject
    Logger log;

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
    }

    /** The ordered line to one node: one batch on its way at a time. */
    private final class Link {
        private final String node;
        private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sending = new AtomicBoolean();

        Link(String node) {
            this.node = node;
        }

        CompletableFuture<SendResult> send(NodeWire.Call call) {
            Pending pending = new Pending(call, new CompletableFuture<>());
            queue.add(pending);
            next();
            return pending.done();
        }

        private void next() {
            while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
                List<Pending> batch = new ArrayList<>();
                Pending p;
                while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
                    batch.add(p);
                }
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
                    settle(batch, answer);
                    sending.set(false);
                    continue; // loop rather than recurse
                }
                answer.whenComplete((body, failure) -> {
                    settle(batch, answer);
                    sending.set(false);
                    next();
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
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
                    }
                    return response.body();
                });
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void settle(List<Pending> batch, CompletableFuture<String> answer) {
            List<SendResult> results;
            try {
                results = NodeWire.readAnswers(answer.join()).results();
            } catch (RuntimeException e) {
                fail(batch, e);
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(i < results.size() ? results.get(i) : null);
            }
        }

        private void fail(List<Pending> batch, Throwable failure) {
            log.log(Level.FINE, "a batch for node " + node + " failed", failure);
            batch.forEach(p -> p.done().completeExceptionally(failure));
        }
    }
}
