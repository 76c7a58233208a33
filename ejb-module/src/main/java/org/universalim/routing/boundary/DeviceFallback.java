package org.universalim.routing.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.routing.control.UniversalMessageFormat;
import org.universalim.routing.entity.ImMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The presence logic rules' device fallback (R4): a message goes to the first device the recipient's rules
 * allow that takes it, connected here or on another node of this ISP; a device that does not acknowledge
 * it in time (one sweep finds them all) or whose session ends first is passed over for the next device;
 * when none is left the message is stored for the next log-on ({@link OfflineStorage}).
 */
@ApplicationScoped
public class DeviceFallback {

    /** How often messages handed to devices are checked for a missing acknowledgement. */
    static final long ACK_SWEEP_MILLIS = 100;

    @EJB
    PresenceRules rules;

    @Inject
    SessionRegistry sessions;

    @EJB
    SessionRoutes routes;

    @Inject
    ClusterView cluster;

    @Inject
    NodeDispatch nodes;

    @Inject
    OfflineStorage offline;

    @Inject
    Receipts receipts;

    @Inject
    ShownAddresses shown;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    // the container's scheduler (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    ScheduledExecutorService scheduler;

    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> ackSweep;

    /** A message handed to a device and not yet acknowledged by {@code deadlineNanos} ({@link System#nanoTime}). */
    private record InFlight(ImMessage message, String recipientUser, Set<String> failed, String device, String sessionId,
                            boolean fromStore, long deadlineNanos) {
    }

    /**
     * Hands a message to the first device the rules allow that takes it, past the devices in {@code failed}:
     * one connected here, or one connected to another node of this ISP (which goes on from there); else it
     * is stored.
     */
    public CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed) {
        return dispatch(message, failed, null, CompletableFuture.completedFuture(null));
    }

    /**
     * @param known   the rules' plan if already known (nothing failed yet), else null
     * @param durable completes when the message is in the database (another node reads it from there)
     */
    public CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed, DeliveryPlan known,
                                                CompletionStage<Void> durable) {
        String user = message.recipientUser();
        MessageRequirements needs = new MessageRequirements(message.application(), message.securityLevel());
        DeliveryPlan plan = known != null ? known : rules.plan(user, needs, failed);
        if (plan.deliverable()) {
            Map<String, String> elsewhere = null;
            for (String device : plan.candidates()) {
                Optional<ClientSession> session = sessions.session(user, device);
                if (session.isPresent()) {
                    if (handTo(session.get(), message, user, failed, false, plan.ackTimeoutMillis())) {
                        return CompletableFuture.completedFuture(new SendResult(message.id(), SendResult.SENT, device, null, null));
                    }
                } else if (cluster.hasOtherNodes()) {
                    if (elsewhere == null) {
                        elsewhere = routes.devicesElsewhere(user, isp.nodeName());
                    }
                    String node = elsewhere.get(device);
                    if (node != null) {
                        return nodes.dispatchThere(node, device, message, failed, durable);
                    }
                }
                // the rules name a device connected nowhere, or one whose queue is full: the next
                failed.add(device);
            }
            plan = rules.plan(user, needs, failed);
        }
        return offline.store(message, plan);
    }

    /** Hands a message to the next device after its send was answered; its sender hears what became of it. */
    void dispatchQuietly(ImMessage message, Set<String> failed) {
        CompletionStage<SendResult> outcome;
        try {
            outcome = dispatch(message, failed);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "could not hand message " + message.id() + " to another device", e);
            return;
        }
        outcome.whenComplete((result, failure) -> {
            if (failure != null) {
                log.log(Level.WARNING, "could not hand message " + message.id() + " to another device", failure);
            } else if (SendResult.STORED.equals(result.status())) {
                receipts.tell(message, SendResult.STORED, null, null);
            } else if (!result.ok()) {
                receipts.tell(message, SendResult.FAILED, null, result.reason());
            }
        });
    }

    /**
     * Gives a message to a device: delivered at once for a client that does not acknowledge, else in flight
     * until its acknowledgement (or the deadline, or the end of its session).
     *
     * @return false when the device could not take it (its session closed or its queue full)
     */
    boolean handTo(ClientSession session, ImMessage m, String user, Set<String> failed, boolean fromStore, long ackTimeout) {
        String from = shown.sender(m);
        String to = shown.recipient(m);
        Delivery.Message delivery = new Delivery.Message(m.id(), from, to, m.application(), m.securityLevel(), m.body(),
                m.sentAt(), fromStore, m.format(), MessageService.XML.equals(m.format())
                ? UniversalMessageFormat.message(from, to, m.id(), m.application(), m.securityLevel(), m.body()) : null);
        if (!session.acknowledgesMessages()) {
            if (!session.deliver(delivery)) {
                return false;
            }
            receipts.delivered(m, session.device());
            return true;
        }
        InFlight flight = new InFlight(m, user, failed, session.device(), session.id(), fromStore,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeout));
        if (inFlight.putIfAbsent(m.id(), flight) != null) {
            return true; // already on its way to a device
        }
        startAckSweep();
        if (!session.deliver(delivery)) {
            inFlight.remove(m.id(), flight);
            return false;
        }
        return true;
    }

    /** A device acknowledged a message it was given. */
    public void acknowledge(ClientSession session, String messageId) {
        InFlight flight = inFlight.get(messageId);
        if (flight == null || !flight.sessionId().equals(session.id())) {
            return;
        }
        if (inFlight.remove(messageId, flight)) {
            receipts.delivered(flight.message(), flight.device());
        }
    }

    /** A session ended: the messages it had not acknowledged go to the next device, or stay stored. */
    public void sessionClosed(ClientSession session) {
        for (InFlight flight : List.copyOf(inFlight.values())) {
            if (flight.sessionId().equals(session.id()) && inFlight.remove(flight.message().id(), flight)) {
                if (!flight.fromStore()) {
                    flight.failed().add(flight.device());
                    dispatchQuietly(flight.message(), flight.failed());
                }
            }
        }
    }

    /** Whether a message is on its way to a device. */
    public boolean inFlight(String messageId) {
        return inFlight.containsKey(messageId);
    }

    /**
     * Whether a message is on its way to this session and waits for its acknowledgement: not yet acknowledged, not
     * passed over for another device after its deadline, its session not ended.
     */
    public boolean inFlightTo(ClientSession session, String messageId) {
        InFlight flight = inFlight.get(messageId);
        return flight != null && flight.sessionId().equals(session.id());
    }

    /** Messages handed to devices and waiting for their acknowledgement (for metrics). */
    public int inFlightCount() {
        return inFlight.size();
    }

    /**
     * One periodic task finds the messages whose device did not acknowledge in time (instead of a timer
     * per message: setting and cancelling one for every message costs more than the message).
     */
    private void startAckSweep() {
        if (ackSweep == null) {
            synchronized (inFlight) {
                if (ackSweep == null) {
                    ackSweep = scheduler.scheduleWithFixedDelay(this::sweepUnacknowledged, ACK_SWEEP_MILLIS,
                            ACK_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    void sweepUnacknowledged() {
        long now = System.nanoTime();
        for (InFlight flight : inFlight.values()) {
            if (now - flight.deadlineNanos() > 0) {
                try {
                    ackTimedOut(flight);
                } catch (RuntimeException e) {
                    log.log(Level.WARNING, "message " + flight.message().id() + " not handed to the next device", e);
                }
            }
        }
    }

    private void ackTimedOut(InFlight flight) {
        String messageId = flight.message().id();
        if (!inFlight.remove(messageId, flight)) {
            return;
        }
        if (flight.fromStore()) {
            return; // stays stored for the next log-on
        }
        log.fine(() -> "message " + messageId + " not acknowledged by " + flight.device() + "; trying the next device");
        flight.failed().add(flight.device());
        dispatchQuietly(flight.message(), flight.failed());
    }

    @PreDestroy
    void stopAckSweep() {
        ScheduledFuture<?> sweep = ackSweep;
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
