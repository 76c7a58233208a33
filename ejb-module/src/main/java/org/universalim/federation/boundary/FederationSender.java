package org.universalim.federation.boundary;

import org.universalim.cluster.boundary.ClusterMembership;
import org.universalim.routing.boundary.NodeChannel;
import org.universalim.routing.boundary.PeerWorkQueued;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.control.WireSplice;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.ReceiptBatch;
import org.universalim.federation.wire.Operation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains each peer's outbox in order: consecutive messages go in one batch, everything else one request
 * at a time; a peer that does not answer is retried with back-off and jitter, and its later items wait
 * (order is kept). Starts as soon as something is queued, and every second for retries.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FederationSender {

    /** Times a peer's resynchronisation is run when it fails (a deadlock victim succeeds on the next run). */
    static final int RESYNC_ATTEMPTS = 3;

    @EJB
    OutboxWork work;

    @EJB
    FederationResponses responses;

    @EJB
    FederationResync resync;

    @Inject
    FederationClient client;

    @Inject
    PeerCapabilities capabilities;

    @EJB
    XmppRelay xmppRelay;

    @Inject
    XmppServers xmpp;

    @EJB
    ClusterMembership membership;

    @Inject
    NodeChannel nodes;

    @Inject
    FederationSettings settings;

    @Inject
    Logger log;

    @Inject
    Clock clock;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    private final ConcurrentHashMap<String, Boolean> draining = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> again = new ConcurrentHashMap<>();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("federation-outbox", false));
    }

    @Timeout
    void sweep(Timer timer) {
        if (!membership.isLeader()) {
            return; // one node of the ISP drains the outboxes, so a peer gets each peer's items once and in order
        }
        try {
            work.peersDue().forEach(this::drainSoon);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "federation outbox sweep failed", e);
        }
    }

    public void filled(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxFilled event) {
        if (membership.isLeader()) {
            drainSoon(event.peer());
            return;
        }
        String leader = membership.leaderNode();
        if (leader != null) {
            nodes.outboxFilled(leader, event.peer()); // else the leader's sweep finds it within a second
        }
    }

    /** Another node of this ISP queued something for a peer (the node channel brought the news). */
    public void nudged(@Observes PeerWorkQueued work) {
        if (membership.isLeader()) {
            drainSoon(work.peer());
        }
    }

    /**
     * A peer we could not reach spoke to us or answered our probe, so it is up (it restarted, or the link is
     * back): what waits for it goes now, not after its back-off, and after an outage it is resynchronised.
     */
    public void peerIsUp(String peer) {
        if (work.reachedNow(peer)) {
            cameBack(peer);
        } else if (work.wakeUp(peer) && membership.isLeader()) {
            drainSoon(peer);
        }
    }

    /**
     * A peer that was unreachable answers again: presence is resynchronised both ways and its outbox drained,
     * now (off the caller's thread: that may be the peer's own request).
     */
    public void cameBack(String peer) {
        executor.execute(() -> {
            log.info(() -> "federation: " + peer + " answers again");
            resynchronise(peer);
            try {
                if (work.wakeUp(peer) && membership.isLeader()) {
                    drainSoon(peer);
                }
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "federation: draining " + peer + " after its return failed", e);
            }
        });
    }

    /**
     * Resynchronises a peer that came back (its probe answered, it called us, or the outbox's call got through), run
     * again when it fails: it is one transaction (see {@link FederationResync#resync}), and its users stay shown
     * unavailable until it succeeds.
     */
    void resynchronise(String peer) {
        for (int attempt = 1; attempt <= RESYNC_ATTEMPTS; attempt++) {
            try {
                resync.resync(peer);
                return;
            } catch (RuntimeException e) {
                if (attempt == RESYNC_ATTEMPTS) {
                    log.log(Level.WARNING, "federation: resynchronising " + peer + " failed", e);
                } else {
                    int failed = attempt;
                    log.log(Level.INFO, e, () -> "federation: resynchronising " + peer + " failed (attempt " + failed
                            + " of " + RESYNC_ATTEMPTS + "); again");
                }
            }
        }
    }

    /** Starts draining a peer unless that is under way (then it goes round once more). */
    public void drainSoon(String peer) {
        if (draining.putIfAbsent(peer, Boolean.TRUE) != null) {
            again.put(peer, Boolean.TRUE);
            return;
        }
        executor.execute(() -> {
            try {
                do {
                    again.remove(peer);
                    drain(peer);
                } while (again.remove(peer) != null);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "federation: draining " + peer + " failed", e);
            } finally {
                draining.remove(peer);
            }
        });
    }

    private void drain(String peerDomain) {
        while (true) {
            if (!membership.isLeader()) {
                return; // another node took the lease (this one was frozen, say): it drains from the head
            }
            Peer peer = work.peer(peerDomain).orElse(null);
            // a domain that is no configured peer: an XMPP server, reached over s2s while s2s reaches it
            boolean overXmpp = peer == null && xmpp.reaches(peerDomain);
            if (!overXmpp && (peer == null || !peer.enabled() || !client.configured())) {
                return;
            }
            // items hold up to 50 messages or receipts: a call carries a few of them (see fitted)
            List<OutboxItem> head = work.head(peerDomain, Math.min(HEAD_ITEMS, settings.batchMax()));
            if (head.isEmpty()) {
                return;
            }
            List<OutboxItem> group = fitted(group(head), settings.batchMax());
            List<Long> ids = group.stream().map(OutboxItem::id).toList();
            Operation op = Operation.byPath(group.get(0).operation());
            if (!overXmpp && capabilities.lacks(peer, op)) {
                // an optional operation the peer does not offer (an older peer): it is never asked it
                log.fine(() -> "federation: " + peerDomain + " does not offer " + op.path() + "; " + ids.size() + " item(s) dropped");
                work.refused(peerDomain, ids);
                continue;
            }
            try {
                long start = System.nanoTime();
                Instant sentAt = clock.instant();
                Object answer = overXmpp ? xmppRelay.send(peerDomain, op, group) : send(peer, op, group);
                log.fine(() -> "federation: " + op.path() + " x" + group.size() + " to " + peerDomain + " in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                try {
                    responses.answered(group, answer, sentAt);
                } catch (RuntimeException e) {
                    // the peer took the items: what we note of its answer (a tracked user's details, raced by
                    // a presence update of the same user) must not have them sent again
                    log.log(Level.WARNING, "federation: the answer of " + peerDomain + " to " + op.path()
                            + " was not recorded", e);
                }
                if (work.delivered(peerDomain, group)) {
                    resynchronise(peerDomain);
                }
            } catch (PeerFailure f) {
                if (f.permanent()) {
                    log.warning(() -> "federation: " + peerDomain + " refused " + op.path() + ": " + f.getMessage());
                    responses.undeliverable(work.refused(peerDomain, ids), f.getMessage());
                    continue;
                }
                if (work.reachable(peerDomain)) {
                    log.warning(() -> "federation: " + peerDomain + " is not reachable (" + f.getMessage() + "); retrying");
                }
                List<OutboxItem> expired = work.retryLater(peerDomain, ids, f.getMessage());
                if (!expired.isEmpty()) {
                    responses.undeliverable(expired, "could not reach " + peerDomain + " before the deadline");
                }
                return;
            }
        }
    }

    /**
     * What goes in one call: the head's first item alone, or, when it is a message or a receipt, every item
     * of that operation up to the first item that is neither. Messages and receipts may pass each other
     * (a receipt is about a message of the other direction); each keeps its own order, and nothing else
     * is passed. A conversation's receipts then travel in batches like its messages, not one call each.
     */
    static List<OutboxItem> group(List<OutboxItem> head) {
        OutboxItem first = head.get(0);
        String op = first.operation();
        if (!BATCHED.contains(op)) {
            return List.of(first);
        }
        List<OutboxItem> same = new ArrayList<>();
        for (OutboxItem item : head) {
            if (!BATCHED.contains(item.operation())) {
                break;
            }
            if (op.equals(item.operation())) {
                same.add(item);
            }
        }
        return same;
    }

    /** Outbox items read for a call at most. */
    static final int HEAD_ITEMS = 32;

    /** Receipts one call may carry (the contract's receiptBatch holds at most this many). */
    static final int MAX_RECEIPTS = 1000;

    /**
     * The characters of the items one call may carry: its body stays under the receiver's limit of 1 MiB
     * ({@link WireCodec#MAX_BYTES}) even when every character takes three bytes in UTF-8.
     */
    static final int MAX_CALL_CHARS = 256 * 1024;

    /**
     * A group of message or receipt items cut where the messages (at most {@code maxMessages}) or receipts (at most
     * {@link #MAX_RECEIPTS}) they hold, or their size, would pass what one call carries; at least its first item.
     */
    static List<OutboxItem> fitted(List<OutboxItem> group, int maxMessages) {
        String op = group.get(0).operation();
        boolean receipts = Operation.RECEIPTS.path().equals(op);
        if (group.size() == 1 || !receipts && !Operation.MESSAGES.path().equals(op)) {
            return group;
        }
        int limit = receipts ? MAX_RECEIPTS : maxMessages;
        String child = receipts ? "receipt" : "message";
        int count = 0;
        long chars = 0;
        for (int i = 0; i < group.size(); i++) {
            // counted in the text this server wrote (an item is not read back with the schema to be counted)
            count += WireSplice.count(group.get(i).payload(), child);
            chars += group.get(i).payload().length();
            if (count > limit || chars > MAX_CALL_CHARS) {
                return group.subList(0, Math.max(1, i));
            }
        }
        return group;
    }

    private static final java.util.Set<String> BATCHED = java.util.Set.of(Operation.MESSAGES.path(), Operation.RECEIPTS.path());

    private Object send(Peer peer, Operation op, List<OutboxItem> group) throws PeerFailure {
        if (group.size() == 1) {
            return client.send(peer, op, group.get(0).payload(), op.response());
        }
        String transactionId = group.get(0).transactionId() + "." + group.size();
        // the items as they were written when queued, joined by their text (profile of 2026-12-06: reading each
        // item back with the schema and writing the batch again was 72 % of the sender's time)
        String root = op == Operation.RECEIPTS ? "receiptBatch" : "messageBatch";
        java.util.Optional<String> joined = WireSplice.join(group.stream().map(OutboxItem::payload).toList(), root, transactionId);
        if (joined.isPresent()) {
            return client.send(peer, op, joined.get(), op.response());
        }
        try {
            if (op == Operation.RECEIPTS) {
                ReceiptBatch receipts = new ReceiptBatch();
                receipts.transactionId = transactionId;
                for (OutboxItem item : group) {
                    receipts.receipts.addAll(WireCodec.read(item.payload(), ReceiptBatch.class).receipts);
                }
                return client.call(peer, op, receipts, op.response());
            }
            MessageBatch batch = new MessageBatch();
            batch.transactionId = transactionId;
            for (OutboxItem item : group) {
                batch.messages.addAll(WireCodec.read(item.payload(), MessageBatch.class).messages);
            }
            return client.call(peer, op, batch, op.response());
        } catch (WireCodec.Refused e) {
            throw new IllegalStateException("an outbox item does not read back", e);
        }
    }
}
