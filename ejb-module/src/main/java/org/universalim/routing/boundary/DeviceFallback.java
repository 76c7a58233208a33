package org.universalim.routing.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.UniversalMessageFormat;
import org.universalim.routing.entity.ImMessage;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The presence logic rules' device fallback (R4): a message goes to the first device the recipient's rules
 * allow that takes it, connected here or on another node of this ISP; a device that does not acknowledge
 * it in time or whose session ends first is passed over for the next device; when none is left the message is
 * stored for the next log-on ({@link OfflineStorage}). Decisions for one recipient are taken in the order the
 * messages came ({@link RecipientLanes}); a message is written to a device only once it is durable, and after the
 * messages stored for that device before ({@link CatchingUp}).
 */
@ApplicationScoped
public class DeviceFallback {

    private static final CompletableFuture<Void> DURABLE = CompletableFuture.completedFuture(null);

    @EJB
    PresenceRules rules;

    @Inject
    SessionRegistry sessions;

    @EJB
    SessionRoutes routes;

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
    RecipientLanes lanes;

    @Inject
    InFlight inFlight;

    @Inject
    CatchingUp catchingUp;

    @Inject
    Logger log;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    @PostConstruct
    void watchLateAcknowledgements() {
        inFlight.onLate(this::late);
    }

    /**
     * Hands a message to the first device the rules allow that takes it, past the devices in {@code failed}:
     * one connected here, or one connected to another node of this ISP (which goes on from there); else it
     * is stored, and its sender told so by a receipt.
     */
    public CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed) {
        return dispatch(message, failed, null, DURABLE, true);
    }

    /**
     * @param known      the rules' plan if already known (nothing failed yet), else null
     * @param durable    completes when the message is in the database: it is written to a device only then (and
     *                   another node reads it from there)
     * @param tellSender whether a sender must be told by a receipt that the message was stored (not when the answer
     *                   to the send says so)
     */
    public CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed, DeliveryPlan known,
                                                CompletionStage<Void> durable, boolean tellSender) {
        return lanes.decide(message.recipientUser(), () -> decideNow(message, failed, known, durable, tellSender));
    }

    /** The decision itself, within the recipient's lane (a decision that goes on after a failure calls it again). */
    CompletionStage<SendResult> decideNow(ImMessage message, Set<String> failed, DeliveryPlan known,
                                          CompletionStage<Void> durable, boolean tellSender) {
        String user = message.recipientUser();
        MessageRequirements needs = new MessageRequirements(message.application(), message.securityLevel());
        DeliveryPlan plan = known != null ? known : rules.plan(user, needs, failed);
        if (plan.deliverable()) {
            Map<String, String> elsewhere = null;
            for (String device : plan.candidates()) {
                Optional<ClientSession> session = sessions.session(user, device);
                if (session.isPresent()) {
                    if (handTo(session.get(), message, user, failed, false, plan.ackTimeoutMillis(), durable)) {
                        return CompletableFuture.completedFuture(new SendResult(message.id(), SendResult.SENT, device, null, null));
                    }
                } else {
                    // the rules name a device that is online but not connected here: the node table says where it is.
                    // Asked whatever this node's view of the cluster says: that view is as of its last heartbeat, and a
                    // node that joined or came back since (its users logging on there) is not in it yet
                    if (elsewhere == null) {
                        elsewhere = routes.devicesElsewhere(user, isp.nodeName());
                    }
                    String node = elsewhere.get(device);
                    if (node != null) {
                        // the next decision for this user waits for that node's answer (it may fail the message over)
                        CompletionStage<SendResult> there = nodes.dispatchThere(node, device, message, failed, durable, tellSender);
                        lanes.hold(user, there, "message " + message.id() + " handed to node " + node);
                        return there;
                    }
                }
                // the rules name a device connected nowhere, or one whose session ended: the next
                failed.add(device);
            }
            plan = rules.plan(user, needs, failed);
        }
        // written after the insert by the same journal (dropped there if the insert met a first send)
        CompletionStage<SendResult> stored = offline.store(message, plan, tellSender);
        // the next decision for this user waits until this one is stored and offered where it may be taken
        lanes.hold(user, stored, "message " + message.id() + " being stored");
        return stored;
    }

    /** Hands a message to the next device after its send was answered; the store path tells its sender if it is stored. */
    CompletableFuture<?> dispatchQuietly(ImMessage message, Set<String> failed) {
        CompletionStage<SendResult> outcome;
        try {
            outcome = dispatch(message, failed);
        } catch (RuntimeException e) {
            log.log(MessageJournal.isStopping(e) ? Level.FINE : Level.WARNING,
                    "could not hand message " + message.id() + " to another device", e);
            return CompletableFuture.completedFuture(null);
        }
        return outcome.handle((result, failure) -> {
            if (failure != null && !MessageJournal.isDuplicate(failure)) {
                // at a stop the message is written already: the restart stores and offers it (NodeStartup)
                log.log(MessageJournal.isStopping(failure) ? Level.FINE : Level.WARNING,
                        "could not hand message " + message.id() + " to another device", failure);
            }
            return null;
        }).toCompletableFuture();
    }

    /**
     * Gives a message to a device: in flight until its acknowledgement (or the deadline, or the end of its session),
     * written once it is durable and the device has been offered what was stored for it before; a stored message
     * ({@code fromStore}) is written at once.
     *
     * @return false when the device could not take it (its session ended)
     */
    boolean handTo(ClientSession session, ImMessage m, String user, Set<String> failed, boolean fromStore, long ackTimeout,
                   CompletionStage<Void> durable) {
        String from = shown.sender(m);
        String to = shown.recipient(m);
        Delivery.Message delivery = new Delivery.Message(m.id(), from, to, m.application(), m.securityLevel(), m.body(),
                m.sentAt(), fromStore, m.format(), MessageService.XML.equals(m.format())
                ? UniversalMessageFormat.message(from, to, m.stanzaId() == null ? m.id() : m.stanzaId(), m.application(),
                        m.securityLevel(), m.body(), m.extensions()) : null,
                m.extensions(), m.stanzaId(), m.senderDevice());
        InFlight.Flight flight = new InFlight.Flight(m, user, failed, session.device(), session.id(), fromStore,
                TimeUnit.MILLISECONDS.toNanos(ackTimeout));
        if (inFlight.wasDelivered(m.id()) || !inFlight.add(flight)) {
            return true; // delivered already (offered from storage while it waited, say), or on its way to a device
        }
        if (fromStore) {
            // after what waits for the session and was accepted before it
            if (!catchingUp.writeStored(session, m, () -> deliverNow(session, delivery, flight))) {
                inFlight.remove(flight);
                return false;
            }
            return true;
        }
        Runnable later = () -> {
            if (!deliverNow(session, delivery, flight)) {
                writeFailed(flight);
            }
        };
        CompletableFuture<Void> written = durable.toCompletableFuture();
        if (written.isDone() && !written.isCompletedExceptionally()) {
            CatchingUp.Write w = catchingUp.writeOrWait(session, m, () -> deliverNow(session, delivery, flight), later);
            if (w == CatchingUp.Write.REFUSED || w == CatchingUp.Write.NO_SESSION) {
                inFlight.remove(flight);
                return false;
            }
            return true;
        }
        written.whenComplete((done, failure) -> {
            if (failure != null) {
                inFlight.remove(flight); // not written (a resend that met its first send): nothing to deliver
                return;
            }
            CatchingUp.Write w = catchingUp.writeOrWait(session, m, () -> deliverNow(session, delivery, flight), later);
            if (w == CatchingUp.Write.REFUSED || w == CatchingUp.Write.NO_SESSION) {
                writeFailed(flight);
            }
        });
        return true;
    }

    /** Writes a message to its session, unless it was acknowledged or passed on meanwhile; false if the session refused. */
    private boolean deliverNow(ClientSession session, Delivery.Message delivery, InFlight.Flight flight) {
        if (inFlight.get(flight.message().id()) != flight) {
            return true;
        }
        // its acknowledgement time starts with the write (it may have waited for the device to catch up)
        flight.written();
        if (!session.deliver(delivery)) {
            return false;
        }
        if (!session.acknowledgesMessages() && inFlight.remove(flight)) {
            // a client that does not acknowledge has it once it is written
            receipts.delivered(flight.message(), flight.device());
        }
        return true;
    }

    /** A write the session refused (it ended, or its queue is full): the next device, off the writing thread. */
    private void writeFailed(InFlight.Flight flight) {
        if (inFlight.remove(flight)) {
            executor.execute(() -> passOn(flight));
        }
    }

    /**
     * A device acknowledged a message; completes once that is durable (the client may rely on it then). An
     * acknowledgement that no message in flight to this session matches (it came after the acknowledgement time, or
     * the message went to another device meanwhile) still counts: the message is delivered to this device.
     */
    public CompletionStage<Void> acknowledge(ClientSession session, String messageId) {
        InFlight.Flight flight = inFlight.get(messageId);
        if (flight != null && flight.recipientUser().equals(session.userName())) {
            if (inFlight.remove(flight)) {
                inFlight.delivered(messageId);
                return receipts.delivered(flight.message(), session.device());
            }
        }
        inFlight.delivered(messageId);
        return receipts.acknowledgedLate(session.userName(), session.device(), java.util.List.of(messageId));
    }

    /**
     * A session ended: the messages it had not acknowledged go to the next device, or stay stored. Completes once
     * each went on (given to a device, or written as stored).
     */
    public CompletableFuture<Void> sessionClosed(ClientSession session) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = closing.putIfAbsent(session.id(), mine);
        if (first != null) {
            return first; // under way already (the log-on that replaced it, and its close): both wait for the same
        }
        mine.whenComplete((done, failure) -> closing.remove(session.id(), mine));
        try {
            java.util.List<CompletableFuture<?>> passed = new java.util.ArrayList<>();
            for (InFlight.Flight flight : inFlight.removeAllOf(session.id())) {
                passed.add(passOn(flight));
            }
            CompletableFuture.allOf(passed.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> mine.complete(null));
        } catch (RuntimeException e) {
            mine.complete(null);
            throw e;
        }
        return mine;
    }

    /** Sessions whose unacknowledged messages are being passed on, until they were. */
    private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<Void>> closing =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A flight's acknowledgement time is over. */
    private void late(InFlight.Flight flight) {
        log.fine(() -> "message " + flight.message().id() + " not acknowledged by " + flight.device() + "; trying the next device");
        passOn(flight);
    }

    /** The device did not take the message: the next device, or (a stored message) another device here, or storage. */
    private CompletableFuture<?> passOn(InFlight.Flight flight) {
        flight.failed().add(flight.device());
        if (flight.fromStore()) {
            offerStoredAgain(flight);
            return CompletableFuture.completedFuture(null);
        }
        return dispatchQuietly(flight.message(), flight.failed());
    }

    /** A stored message a device did not take goes to another device of the user connected here that the rules allow. */
    private void offerStoredAgain(InFlight.Flight flight) {
        ImMessage m = flight.message();
        DeliveryPlan plan = rules.plan(flight.recipientUser(), new MessageRequirements(m.application(), m.securityLevel()),
                flight.failed());
        for (String device : plan.candidates()) {
            Optional<ClientSession> session = sessions.session(flight.recipientUser(), device);
            if (session.isPresent() && catchingUp.caughtUp(session.get())
                    && handTo(session.get(), m, flight.recipientUser(), flight.failed(), true, plan.ackTimeoutMillis(), DURABLE)) {
                return;
            }
        }
        // stays stored for the next log-on
    }

    /**
     * Whether the message was written to this session, which did not acknowledge it in time: it went on to the next
     * device or to storage, and the session may still acknowledge it late (which counts). Its stored copy is not
     * written to the same session again; a log-on gives it again, after the client's {@code acks}.
     */
    public boolean passedOver(ClientSession session, String messageId) {
        return inFlight.wasPassedOver(session.id(), messageId);
    }

    /** Whether a message is on its way to a device. */
    public boolean inFlight(String messageId) {
        return inFlight.contains(messageId);
    }

    /**
     * Whether a message is on its way to this session and waits for its acknowledgement: not yet acknowledged, not
     * passed over for another device after its deadline, its session not ended.
     */
    public boolean inFlightTo(ClientSession session, String messageId) {
        InFlight.Flight flight = inFlight.get(messageId);
        return flight != null && flight.sessionId().equals(session.id());
    }

    /** Messages handed to devices and waiting for their acknowledgement (for metrics). */
    public int inFlightCount() {
        return inFlight.size();
    }

    /**
     * A device of {@code user} acknowledged these messages without a session that holds them (with its next log-on, or
     * with the 'h' of a stream the server lost): those in flight here are delivered, the others are written so if they
     * still wait for a device. Completes once durable.
     */
    CompletableFuture<Void> acknowledgedWithoutSession(String user, String device, java.util.List<String> messageIds) {
        java.util.List<CompletableFuture<Void>> written = new java.util.ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (InFlight.Flight flight : takeAcknowledged(user, messageIds)) {
            matched.add(flight.message().id());
            written.add(receipts.delivered(flight.message(), device));
        }
        java.util.List<String> rest = messageIds.stream().filter(id -> !matched.contains(id)).distinct().toList();
        written.add(receipts.acknowledgedLate(user, device, rest).toCompletableFuture());
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new));
    }

    /** Drops the in-flight messages of these ids addressed to the user (acknowledged with a log-on): they are delivered. */
    java.util.List<InFlight.Flight> takeAcknowledged(String user, java.util.Collection<String> ids) {
        java.util.List<InFlight.Flight> taken = new java.util.ArrayList<>();
        for (String id : ids) {
            InFlight.Flight flight = inFlight.get(id);
            inFlight.delivered(id);
            if (flight != null && flight.recipientUser().equals(user) && inFlight.remove(flight)) {
                taken.add(flight);
            }
        }
        return taken;
    }

    /** A new set of failed devices (for callers that start a message's fallback). */
    static Set<String> none() {
        return new HashSet<>();
    }
}
