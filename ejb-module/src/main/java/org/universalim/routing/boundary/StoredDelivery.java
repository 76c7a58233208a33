package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.presence.boundary.DeliveryFacts;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.DeliveryPlanner;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.entity.DeviceState;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.entity.ImMessage;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Offers a session the messages stored for its user, oldest first, under the same presence logic rules (R4) as a new
 * message: only those the rules let its device take now (a device in do-not-disturb, one set offline while connected
 * (invisible), or an XMPP resource before its initial presence takes none). Asked at log-on, when a device of a
 * connected session becomes available, and when a message was stored while a device that may take it is connected.
 * The offer holds the user's next decisions ({@link RecipientLanes}) and the session's new messages
 * ({@link CatchingUp}) until it is made, so nothing overtakes what was stored first.
 */
@ApplicationScoped
public class StoredDelivery {

    @EJB
    MessageStore store;

    @EJB
    PresenceRules rules;

    @Inject
    SessionRegistry sessions;

    @Inject
    DeviceFallback fallback;

    @Inject
    Receipts receipts;

    @Inject
    RecipientLanes lanes;

    @Inject
    CatchingUp catchingUp;

    @Inject
    RoutingSettings settings;

    @Inject
    Logger log;

    @EJB
    SessionLifecycle lifecycle;

    @Inject
    @ConfigProperty(name = "node.dead.seconds", defaultValue = "10")
    long deadSeconds;

    /** How often, and how many dead times at most, an offer waits for the device's session on another node to end. */
    static final long SETTLE_POLL_MILLIS = 250;
    static final long SETTLE_FACTOR = 3;

    // the container's scheduler
    @Resource(type = ManagedScheduledExecutorService.class)
    ScheduledExecutorService scheduler;

    /**
     * Offers a session that logged on its user's stored messages (its protocol asks, once the log-on is done);
     * completes once they were offered. Until then no other offer is made to it.
     */
    public CompletionStage<Void> offer(ClientSession session) {
        catchingUp.ready(session);
        return offerNow(session);
    }

    /** Offers the session its user's stored messages unless it is still logging on (its own offer comes then). */
    void offerIfReady(ClientSession session) {
        if (catchingUp.isReady(session)) {
            offerNow(session);
        }
    }

    private CompletionStage<Void> offerNow(ClientSession session) {
        catchingUp.catchUp(session);
        CompletableFuture<Void> offered = new CompletableFuture<>();
        lanes.decide(session.userName(), () -> {
            lanes.hold(session.userName(), offered, "the stored messages offered to " + session.id());
            scheduler.execute(() -> whenSettled(session, offered, System.nanoTime()));
            return offered;
        });
        return offered;
    }

    /** Offers the stored messages of these users to their sessions on this node. */
    public void offerHere(Collection<String> users) {
        for (String user : users) {
            for (ClientSession s : sessions.sessionsOf(user)) {
                offerIfReady(s);
            }
        }
    }

    /**
     * The device may still hold a session on another node (it logged on here again as that node died, or moved):
     * what that session held is stored when it ends (or when its node is declared dead), and must come before
     * anything newer, so the offer waits for that (at most {@link #SETTLE_FACTOR} times the dead time).
     */
    private void whenSettled(ClientSession session, CompletableFuture<Void> offered, long since) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        pollSettled(session, settled, since);
        settled.whenComplete((done, failure) -> offerStoredNow(session, offered));
    }

    /**
     * Completes once the session's device holds no session on another node any more: closed there (what it had not
     * acknowledged went on), or its node declared dead (what that node held for the device, and what the device had
     * sent through it and was not delivered yet, stored); at most {@link #SETTLE_FACTOR} dead times. A device that logs
     * on again is answered only then, so nothing it sends now overtakes what it sent through the node it left.
     */
    public CompletionStage<Void> settled(ClientSession session) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        scheduler.execute(() -> pollSettled(session, settled, System.nanoTime()));
        return settled;
    }

    /**
     * Completes once the session's device holds no session on another node any more (it was closed there, or its node
     * was declared dead and forgotten), or after {@link #SETTLE_FACTOR} dead times. Asked of the node table itself, not
     * of this node's view of the cluster: that view counts a silent node as gone as soon as its heartbeat is too old,
     * before the transaction that declares it dead and stores what it held has committed; the node's rows leave the
     * table in that very transaction, so once none is left, what it held is stored and can be read.
     */
    private void pollSettled(ClientSession session, CompletableFuture<Void> settled, long since) {
        try {
            if (!lifecycle.nodesAlsoHolding(session.userName(), session.device()).isEmpty()
                    && System.nanoTime() - since < TimeUnit.SECONDS.toNanos(SETTLE_FACTOR * deadSeconds)
                    && sessions.byId(session.id()).isPresent()) {
                scheduler.schedule(() -> pollSettled(session, settled, since), SETTLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "could not tell whether " + session.id() + " is held elsewhere", e);
        }
        settled.complete(null);
    }

    private void offerStoredNow(ClientSession session, CompletableFuture<Void> offered) {
        try {
            if (sessions.byId(session.id()).isPresent()) {
                offerStored(session);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "stored messages not offered to " + session.id(), e);
        } finally {
            try {
                catchingUp.caughtUpNow(session);
            } finally {
                offered.complete(null);
            }
        }
    }

    private void offerStored(ClientSession session) {
        String user = session.userName();
        List<ImMessage> stored = store.storedFor(user, settings.offlineMaxPerUser());
        if (stored.isEmpty()) {
            // most log-ons: the user's delivery facts (devices, order) are not read for nothing
            return;
        }
        DeliveryFacts.Facts facts = rules.facts(user);
        for (ImMessage m : stored) {
            if (fallback.inFlight(m.id()) || receipts.settling(m.id()) || fallback.passedOver(session, m.id())) {
                continue;
            }
            DeliveryPlan plan = DeliveryPlanner.plan(facts.devices(), facts.order(),
                    new MessageRequirements(m.application(), m.securityLevel()), Set.of(), facts.ackTimeoutMillis());
            if (plan.candidates().contains(session.device())) {
                fallback.handTo(session, m, user, new HashSet<>(), true, plan.ackTimeoutMillis(), null);
            }
        }
    }

    /**
     * A device's state changes, within its transaction: if it becomes one that takes messages while its session here
     * is past its log-on, new messages wait from now on until the stored ones were offered (after the change).
     */
    void becomingAvailable(@Observes PresenceChanged change) {
        if (takes(change.after()) && !takes(change.before())) {
            session(change).filter(catchingUp::offeredBefore).ifPresent(catchingUp::catchUp);
        }
    }

    /** ... and once the change is over, they are offered (a session logging on is offered them by its protocol). */
    void becameAvailable(@Observes(during = TransactionPhase.AFTER_COMPLETION) PresenceChanged change) {
        if (takes(change.after()) && !takes(change.before())) {
            session(change).filter(catchingUp::offeredBefore).ifPresent(this::offerIfReady);
        }
    }

    private Optional<ClientSession> session(PresenceChanged change) {
        return sessions.session(change.userName(), change.device());
    }

    private static boolean takes(DeviceState state) {
        return state != null && state.isOnline() && state != DeviceState.DO_NOT_DISTURB;
    }
}
