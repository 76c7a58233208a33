package org.universalim.routing.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.Applications;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.SecurityLevel;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.control.RoutingCounters;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.control.UniversalMessageFormat;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The routing core's message path, shared by every protocol: FIG. 6 for the recipient, the presence logic
 * rules for the device (R4) with failover when a device does not acknowledge in time, offline storage
 * delivered at the next log-on, delivery receipts, history, and the hand-over of messages for other
 * ISPs to the federation port.
 */
@ApplicationScoped
public class MessageService {

    public static final String JSON = "json";
    public static final String XML = "xml";

    @Inject
    Router router;

    @EJB
    PresenceRules rules;

    @EJB
    LocalRegistrar registrar;

    @EJB
    DeviceRegistry devices;

    @EJB
    MessageStore store;

    @Inject
    MessageJournal journal;

    @Inject
    SessionRegistry sessions;

    @EJB
    SessionRoutes routes;

    @Inject
    ClusterView cluster;

    @Inject
    NodeChannel nodes;

    @Inject
    ClientNotifier notifier;

    @Inject
    Instance<FederationPort> federation;

    @Inject
    IspSettings isp;

    @Inject
    RoutingSettings settings;

    @Inject
    RoutingCounters counters;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicLong sequence = new AtomicLong(-1);
    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Delivered messages whose new status is not written yet: the store still says STORED for them. */
    private final Set<String> settling = ConcurrentHashMap.newKeySet();
    /** The tail of each peer's chain of incoming batches. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> foreignChains = new ConcurrentHashMap<>();

    /** How often messages handed to devices are checked for a missing acknowledgement. */
    private static final long ACK_SWEEP_MILLIS = 100;
    private volatile ScheduledFuture<?> ackSweep;

    /** A message handed to a device and not yet acknowledged by {@code deadlineNanos} ({@link System#nanoTime}). */
    private record InFlight(ImMessage message, String recipientUser, Set<String> failed, String device, String sessionId,
                            boolean fromStore, long deadlineNanos) {
    }

    /**
     * Sends a message from a local user. Completes when the message is durable and handed on (or
     * refused); refused input throws at once.
     */
    public CompletionStage<SendResult> send(String senderUser, SendRequest request) {
        String application = checked(request);
        UserId to = UserId.parse(request.to().strip());
        // the sender, FIG. 6 and the rules' plan in one read-only transaction
        Router.Prepared prepared = router.prepare(senderUser, to, new MessageRequirements(application, request.securityLevel()))
                .orElseThrow(() -> new InvalidRequestException("from", "unknown sender"));
        KnownSubscribers.Facts sender = prepared.sender();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String senderKey = isp.localAddress(sender.userName()).toString();
        String senderShown = sender.universal() ? isp.universalAddress(sender.userName()).toString() : senderKey;

        Router.Routing routing = prepared.routing();
        switch (routing.route()) {
            case UNKNOWN -> {
                return CompletableFuture.completedFuture(SendResult.failed(id, "unknown_recipient",
                        "there is no user " + to + (isp.isLocal(to) ? " at this ISP" : "")));
            }
            case FOREIGN -> {
                counters.routed();
                return forward(sender, senderKey, senderShown, to, id, application, request, now);
            }
            default -> {
                counters.routed();
                String recipientUser = routing.userName();
                boolean universalPair = sender.universal() && routing.userUniversal();
                String recipientKey = isp.localAddress(recipientUser).toString();
                ImMessage message = new ImMessage(id, nextSequence(), senderKey, sender.userName(), recipientKey,
                        recipientUser, application, request.securityLevel(), request.body(), universalPair ? XML : JSON, now)
                        .acceptedBy(isp.nodeName())
                        .shownAs(senderShown, routing.userUniversal() ? isp.universalAddress(recipientUser).toString() : recipientKey);
                // The message is written (group commit) while it is handed to a device connected here; the
                // sender hears "sent" or "stored" only once it is durable. Another node is asked to deliver
                // it only then, as that node reads it from the database.
                CompletableFuture<Void> durable = journal.insert(message);
                return durable.thenCombine(dispatch(message, new HashSet<>(), prepared.plan(), durable), (written, result) -> result);
            }
        }
    }

    /** A device acknowledged a message it was given. */
    public void acknowledge(ClientSession session, String messageId) {
        InFlight flight = inFlight.get(messageId);
        if (flight == null || !flight.sessionId().equals(session.id())) {
            return;
        }
        if (inFlight.remove(messageId, flight)) {
            delivered(flight.message(), flight.device());
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

    /** Gives a device that logged on the messages stored for its user, oldest first, that it may take. */
    public void deliverStored(ClientSession session) {
        Optional<Device> device = devices.find(session.userName(), session.device());
        if (device.isEmpty()) {
            return;
        }
        Set<String> apps = device.get().applications();
        int level = device.get().securityLevel();
        for (ImMessage m : store.storedFor(session.userName(), settings.offlineMaxPerUser())) {
            if (!apps.contains(m.application()) || level < m.securityLevel() || inFlight.containsKey(m.id())
                    || settling.contains(m.id())) {
                continue;
            }
            handTo(session, m, session.userName(), new HashSet<>(), true, rules.rules(session.userName()).ackTimeoutMillis());
        }
    }

    /** Offers the stored messages of these users to their devices, on whichever node they are connected. */
    public void redeliverStored(Collection<String> users) {
        deliverStoredHere(users);
        if (cluster.hasOtherNodes() && !users.isEmpty()) {
            routes.usersElsewhere(users, isp.nodeName()).forEach((node, theirs) -> nodes.deliverStored(node, theirs));
        }
    }

    /** Offers the stored messages of these users to their devices connected to this node. */
    public void deliverStoredHere(Collection<String> users) {
        for (String user : users) {
            for (ClientSession s : sessions.sessionsOf(user)) {
                deliverStoredQuietly(s);
            }
        }
    }

    /**
     * Another node of this ISP found the recipient's next device connected here: the message (already
     * stored by that node) goes on from here, past the devices that failed.
     */
    public CompletionStage<SendResult> dispatchHere(String messageId, Set<String> failed) {
        ImMessage message = store.find(messageId);
        if (message == null || message.recipientUser() == null) {
            return CompletableFuture.completedFuture(SendResult.failed(messageId, "unknown_message", "no such message"));
        }
        return switch (message.status()) {
            case ACCEPTED -> dispatch(message, new HashSet<>(failed));
            case DELIVERED -> CompletableFuture.completedFuture(
                    new SendResult(messageId, SendResult.SENT, message.deliveredDevice(), null, null));
            case STORED -> CompletableFuture.completedFuture(new SendResult(messageId, SendResult.STORED, null, null, null));
            default -> CompletableFuture.completedFuture(SendResult.failed(messageId, "failed", "the message failed"));
        };
    }

    /** A page of the conversation between a local user and a contact, newest first. */
    public List<HistoryItem> history(String userName, String contactText, Instant before, int limit) {
        UserId contact;
        try {
            contact = UserId.parse(contactText);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("contact", e.getMessage());
        }
        String myKey = isp.localAddress(userName).toString();
        String contactKey = isp.isLocal(contact) ? contact.toLocal(isp.marker()).toString() : contact.toString();
        int max = Math.max(1, Math.min(limit <= 0 ? 50 : limit, settings.historyPageMax()));
        List<HistoryItem> page = new ArrayList<>();
        for (ImMessage m : store.conversation(ImMessage.conversationOf(myKey, contactKey),
                before == null ? clock.instant().plusSeconds(1) : before, max)) {
            boolean outgoing = myKey.equals(m.sender());
            page.add(new HistoryItem(m.id(), m.sender(), m.recipient(), outgoing, m.application(), m.securityLevel(),
                    m.body(), m.sentAt(), m.status().name().toLowerCase(), m.format()));
        }
        return page;
    }

    /** Messages handed to devices and waiting for their acknowledgement (for metrics). */
    public int inFlightCount() {
        return inFlight.size();
    }

    // --- delivery

    /**
     * Hands a message to the first device the rules allow that takes it: one connected here, or one
     * connected to another node of this ISP (which goes on from there); else it is stored.
     */
    private CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed) {
        return dispatch(message, failed, null, CompletableFuture.completedFuture(null));
    }

    /**
     * @param plan    the rules' plan if already known (nothing failed yet), else null
     * @param durable completes when the message is in the database (another node reads it from there)
     */
    private CompletionStage<SendResult> dispatch(ImMessage message, Set<String> failed, DeliveryPlan known,
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
                        return durable.thenCompose(written -> nodes.dispatch(node, message.id(), failed)).handle((result, failure) -> {
                            if (failure == null) {
                                return CompletableFuture.completedFuture(result);
                            }
                            log.log(Level.FINE, "node " + node + " did not take message " + message.id(), failure);
                            failed.add(device);
                            return dispatch(message, failed);
                        }).thenCompose(Function.identity());
                    }
                }
                // the rules name a device connected nowhere, or one whose queue is full: the next
                failed.add(device);
            }
            plan = rules.plan(user, needs, failed);
        }
        return store(message, plan);
    }

    private void dispatchQuietly(ImMessage message, Set<String> failed) {
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
                receipt(message, SendResult.STORED, null, null);
            } else if (!result.ok()) {
                receipt(message, SendResult.FAILED, null, result.reason());
            }
        });
    }

    private boolean handTo(ClientSession session, ImMessage m, String user, Set<String> failed, boolean fromStore,
                           long ackTimeout) {
        String from = shownSender(m);
        String to = shownRecipient(m);
        Delivery.Message delivery = new Delivery.Message(m.id(), from, to, m.application(), m.securityLevel(), m.body(),
                m.sentAt(), fromStore, m.format(), XML.equals(m.format())
                ? UniversalMessageFormat.message(from, to, m.id(), m.application(), m.securityLevel(), m.body()) : null);
        if (!session.acknowledgesMessages()) {
            if (!session.deliver(delivery)) {
                return false;
            }
            delivered(m, session.device());
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

    private void sweepUnacknowledged() {
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

    @PreDestroy
    void stopAckSweep() {
        ScheduledFuture<?> sweep = ackSweep;
        if (sweep != null) {
            sweep.cancel(false);
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

    /**
     * Stores the message for the recipient's next log-on; the outcome is told once the status is written,
     * so the next message to the same user counts this one against the offline limit.
     */
    private CompletionStage<SendResult> store(ImMessage message, DeliveryPlan plan) {
        String user = message.recipientUser();
        if (store.countStored(user) >= settings.offlineMaxPerUser()) {
            SendResult full = SendResult.failed(message.id(), "offline_storage_full", shownRecipient(message)
                    + " has too many messages waiting; try again later");
            return journal.mark(message.id(), ImMessage.Status.FAILED, null, clock.instant()).thenApply(done -> full);
        }
        SendResult stored = new SendResult(message.id(), SendResult.STORED, null, plan.reason().name(),
                plan.reason().explain(shownRecipient(message)));
        CompletableFuture<Void> marked = journal.mark(message.id(), ImMessage.Status.STORED, null, clock.instant());
        marked.thenRun(() -> {
            // the recipient may have logged on while the message was being stored
            for (ClientSession s : sessions.sessionsOf(user)) {
                scheduler.execute(() -> deliverStoredQuietly(s));
            }
            if (cluster.hasOtherNodes()) {
                scheduler.execute(() -> {
                    try {
                        routes.usersElsewhere(List.of(user), isp.nodeName()).forEach((node, users) -> nodes.deliverStored(node, users));
                    } catch (RuntimeException e) {
                        log.log(Level.FINE, "stored messages of " + user + " not offered on other nodes", e);
                    }
                });
            }
        });
        return marked.thenApply(done -> stored);
    }

    private void deliverStoredQuietly(ClientSession session) {
        try {
            deliverStored(session);
        } catch (RuntimeException e) {
            log.log(Level.FINE, "stored messages not delivered to " + session.id(), e);
        }
    }

    private void delivered(ImMessage message, String device) {
        settling.add(message.id());
        journal.mark(message.id(), ImMessage.Status.DELIVERED, device, clock.instant())
                .whenComplete((done, failure) -> settling.remove(message.id()))
                .thenRun(() -> receipt(message, "delivered", device, null));
    }

    private void receipt(ImMessage message, String status, String device, String reason) {
        if (message.senderUser() == null) {
            // a user of another ISP sent it: tell their ISP
            try {
                federation.get().receipt(message.id(), message.sender(), shownRecipient(message), status, device, reason);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "receipt for " + message.id() + " not queued", e);
            }
            return;
        }
        notifier.push(message.senderUser(), new Delivery.Receipt(message.id(), shownRecipient(message), status, device, reason));
    }

    // --- other ISPs

    private CompletionStage<SendResult> forward(KnownSubscribers.Facts sender, String senderKey, String senderShown, UserId to, String id,
                                                String application, SendRequest request, Instant now) {
        ImMessage message = new ImMessage(id, nextSequence(), senderKey, sender.userName(), to.toString(), null, application,
                request.securityLevel(), request.body(), XML, now);
        message.forwarded(now);
        FederationPort.OutgoingMessage outgoing = new FederationPort.OutgoingMessage(id, sender.userName(), senderShown, to,
                application, request.securityLevel(), request.body(), now);
        // the message and its place in the peer's outbox are written in one transaction, with the other
        // messages of the journal's batch (group commit)
        AtomicReference<FederationPort.Outcome> outcome = new AtomicReference<>();
        return journal.forward(message, m -> {
            FederationPort.Outcome o = federation.get().deliver(outgoing);
            outcome.set(o);
            return o.accepted();
        }).thenApply(written -> {
            FederationPort.Outcome o = outcome.get();
            return o == null || o.accepted() ? new SendResult(id, SendResult.FORWARDED, null, null, null)
                    : SendResult.failed(id, o.code(), o.reason());
        });
    }

    /** Messages from users of other ISPs were stored by the federation: hand each to the recipient's devices. */
    void foreignMessagesArrived(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                                ForeignMessagesArrived arrived) {
        if (arrived.messages().isEmpty()) {
            return;
        }
        // batches from one peer are handed on one after another, so their messages keep the peer's order
        String origin = UserId.parse(arrived.messages().get(0).sender()).domain();
        foreignChains.compute(origin, (peer, chain) -> (chain == null ? CompletableFuture.<Void>completedFuture(null) : chain)
                .thenComposeAsync(done -> dispatchForeign(arrived.messages()), scheduler)
                .exceptionally(failure -> null));
    }

    /** Hands messages from users of other ISPs to the recipients' devices, one after another, in order. */
    public CompletionStage<Void> dispatchForeign(List<ImMessage> messages) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (ImMessage m : messages) {
            chain = chain.thenCompose(previous -> {
                counters.routed();
                CompletionStage<SendResult> outcome;
                try {
                    outcome = dispatch(m, new HashSet<>());
                } catch (RuntimeException e) {
                    outcome = CompletableFuture.failedFuture(e);
                }
                return outcome.handle((result, failure) -> {
                    if (failure != null) {
                        log.log(Level.WARNING, "message " + m.id() + " from " + m.sender() + " not dispatched", failure);
                    } else if (SendResult.STORED.equals(result.status())) {
                        receipt(m, SendResult.STORED, null, result.reason());
                    } else if (!result.ok()) {
                        receipt(m, SendResult.FAILED, null, result.reason());
                    }
                    return null;
                });
            });
        }
        return chain;
    }

    /** The recipient's ISP tells what became of a message a local user sent there. */
    public void foreignReceipt(String messageId, String senderUser, String recipient, String status, String device,
                               String reason) {
        ImMessage.Status stored = switch (status) {
            case "delivered" -> ImMessage.Status.DELIVERED;
            case "stored" -> ImMessage.Status.STORED;
            case "failed" -> ImMessage.Status.FAILED;
            default -> null;
        };
        Delivery.Receipt receipt = new Delivery.Receipt(messageId, recipient, status, device, reason);
        if (stored != null && stored != ImMessage.Status.STORED) {
            // the sender's history says so by the time the receipt arrives
            journal.mark(messageId, stored, device, clock.instant()).whenComplete((done, failure) -> notifier.push(senderUser, receipt));
        } else {
            notifier.push(senderUser, receipt);
        }
    }

    /** A message for another ISP could not be delivered (refused, or past its deadline): its sender is told. */
    public void foreignFailed(String messageId, String senderUser, String recipient, String reason) {
        CompletableFuture<Void> marked = journal.mark(messageId, ImMessage.Status.FAILED, null, clock.instant());
        if (senderUser == null) {
            return;
        }
        Delivery.Receipt receipt = new Delivery.Receipt(messageId, recipient, SendResult.FAILED, null, reason);
        marked.whenComplete((done, failure) -> notifier.push(senderUser, receipt));
    }

    // --- helpers

    private String shownSender(ImMessage m) {
        if (m.shownSender() != null) {
            return m.shownSender();
        }
        return m.senderUser() == null ? m.sender() : shown(m.senderUser(), m.sender());
    }

    private String shownRecipient(ImMessage m) {
        if (m.shownRecipient() != null) {
            return m.shownRecipient();
        }
        return m.recipientUser() == null ? m.recipient() : shown(m.recipientUser(), m.recipient());
    }

    private String shown(String user, String localKey) {
        return registrar.find(user).filter(Subscriber::isUniversal)
                .map(s -> isp.universalAddress(user).toString()).orElse(localKey);
    }

    /** The next arrival number, for messages that enter by another way than {@link #send}. */
    public long nextSequence() {
        if (sequence.get() < 0) {
            synchronized (sequence) {
                if (sequence.get() < 0) {
                    sequence.set(store.maxSequence());
                }
            }
        }
        return sequence.incrementAndGet();
    }

    private static String checked(SendRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.to() == null || request.to().isBlank()) {
            errors.add(new FieldError("to", "a recipient is required"));
        } else {
            try {
                UserId.parse(request.to());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("to", e.getMessage()));
            }
        }
        if (request.body() == null || request.body().isEmpty()) {
            errors.add(new FieldError("body", "a message has a body"));
        } else if (request.body().length() > ImMessage.MAX_BODY) {
            errors.add(new FieldError("body", "a message has at most " + ImMessage.MAX_BODY + " characters"));
        }
        String application = MessageRequirements.TEXT;
        if (request.application() != null && !request.application().isBlank()) {
            try {
                application = Applications.normalize(request.application());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("application", e.getMessage()));
            }
        }
        if (request.securityLevel() < SecurityLevel.MIN || request.securityLevel() > SecurityLevel.MAX) {
            errors.add(new FieldError("securityLevel", "a security level is from 0 (public) to 3 (confidential)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return application;
    }
}
