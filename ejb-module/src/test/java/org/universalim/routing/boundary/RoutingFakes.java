package org.universalim.routing.boundary;

import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.control.Unavailability;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collaborators of the message path's parts for plain unit tests, set directly as in a boundary test. */
final class RoutingFakes {

    static final IspSettings ISP = IspSettings.of("isp-a.example", "-u", "suffix", "node1");

    private RoutingFakes() {
    }

    static ImMessage message(String id, String recipientUser) {
        return new ImMessage(id, 1, UserId.parse("alice@isp-a.example"), "alice", UserId.of(recipientUser, "isp-a.example"), recipientUser, "text", 0,
                "hello", MessageService.JSON, Instant.parse("2026-12-01T10:00:00Z"));
    }

    /** A message accepted {@code order} seconds after the others of {@link #message(String, String)}. */
    static ImMessage message(String id, String recipientUser, long order) {
        return new ImMessage(id, order, UserId.parse("alice@isp-a.example"), "alice", UserId.of(recipientUser, "isp-a.example"),
                recipientUser, "text", 0, "hello", MessageService.JSON, Instant.parse("2026-12-01T10:00:00Z").plusSeconds(order));
    }

    /** Rules that try the user's devices in a fixed order, skipping the failed ones. */
    static final class OrderedRules extends PresenceRules {
        final Map<String, List<String>> order;
        final long ackTimeoutMillis;

        OrderedRules(Map<String, List<String>> order, long ackTimeoutMillis) {
            this.order = order;
            this.ackTimeoutMillis = ackTimeoutMillis;
        }

        @Override
        public DeliveryPlan plan(String userName, MessageRequirements message, Collection<String> failed) {
            List<String> left = new ArrayList<>(order.getOrDefault(userName, List.of()));
            left.removeAll(failed);
            return left.isEmpty() ? DeliveryPlan.notAvailable(Unavailability.NO_DEVICE_ONLINE, ackTimeoutMillis)
                    : DeliveryPlan.deliver(left, ackTimeoutMillis);
        }

        /** The user's devices in the order, each ready and taking text. */
        @Override
        public org.universalim.presence.boundary.DeliveryFacts.Facts facts(String userName) {
            List<String> devices = order.getOrDefault(userName, List.of());
            return new org.universalim.presence.boundary.DeliveryFacts.Facts(devices.stream()
                    .map(d -> new org.universalim.presence.control.DeviceSnapshot(d,
                            org.universalim.presence.entity.DeviceState.READY, java.util.Set.of("text"), 0)).toList(),
                    devices, ackTimeoutMillis);
        }

        @Override
        public RulesView rules(String userName) {
            return new RulesView(order.getOrDefault(userName, List.of()), List.of(), ackTimeoutMillis, true);
        }
    }

    /** What the sender is told, and the statuses written, recorded; every write durable at once. */
    static final class RecordedReceipts extends Receipts {
        final List<String> told = new CopyOnWriteArrayList<>();
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> delivered(ImMessage message, String device) {
            told.add(message.id() + " delivered " + device);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        CompletableFuture<Void> written(ImMessage message, ImMessage.Status status, ReceiptStatus statusText, String device,
                                        String reason, boolean tellSender) {
            written.add(message.id() + " " + status);
            if (tellSender) {
                tell(message, statusText, device, reason);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> acknowledgedLate(String user, String device, List<String> messageIds) {
            messageIds.forEach(id -> told.add(id + " acknowledged late by " + device));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void tell(ImMessage message, ReceiptStatus status, String device, String reason) {
            told.add(message.id() + " " + status + (device == null ? "" : " " + device));
        }
    }

    /** Storage that records what it was given and answers "stored", telling the sender if asked to. */
    static final class RecordedStorage extends OfflineStorage {
        final List<String> stored = new CopyOnWriteArrayList<>();
        Receipts receiptsToTell;

        @Override
        CompletionStage<SendResult> store(ImMessage message, DeliveryPlan plan, boolean tellSender) {
            stored.add(message.id());
            if (tellSender && receiptsToTell != null) {
                receiptsToTell.tell(message, ReceiptStatus.STORED, null, null);
            }
            return CompletableFuture.completedFuture(new SendResult(message.id(), SendResult.STORED, null,
                    plan.reason().name(), null));
        }
    }

    /** A journal that writes nothing and records the statuses, each durable at once. */
    static final class RecordedJournal extends org.universalim.routing.control.MessageJournal {
        final List<String> marks = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> insert(ImMessage message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> mark(String messageId, ImMessage.Status status, String device, Instant at) {
            marks.add(messageId + " " + status);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> mark(ImMessage message, ImMessage.Status status, String device, Instant at,
                                            FederationPort.Receipt receipt) {
            return mark(message.id(), status, device, at);
        }
    }

    /** The table of users to nodes, in memory: the devices connected to other nodes, by user. */
    static final class Routes extends SessionRoutes {
        final Map<String, Map<String, String>> elsewhere = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, String> devicesElsewhere(String user, String here) {
            return elsewhere.getOrDefault(user, Map.of());
        }
    }

    /** The message path's parts of one node, wired as the container would, with a plain scheduler. */
    static final class Node {
        final SessionRegistry sessions = new SessionRegistry();
        final Routes routes = new Routes();
        final CatchingUp catchingUp = new CatchingUp();
        final RecipientLanes lanes = new RecipientLanes();
        final InFlight inFlight = new InFlight();
        final DeviceFallback fallback = new DeviceFallback();

        Node(PresenceRules rules, OfflineStorage storage, Receipts receipts, java.util.concurrent.ScheduledExecutorService scheduler) {
            java.util.logging.Logger log = java.util.logging.Logger.getLogger(RoutingFakes.class.getName());
            sessions.catchingUp = catchingUp;
            lanes.log = log;
            lanes.executor = Runnable::run;
            inFlight.log = log;
            inFlight.scheduler = scheduler;
            inFlight.delivered = org.universalim.platform.cache.Caches.standalone("delivered-recently", 1000,
                    java.time.Duration.ofMinutes(10), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
            inFlight.passedOver = org.universalim.platform.cache.Caches.standalone("passed-over-recently", 1000,
                    java.time.Duration.ofMinutes(10), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
            fallback.rules = rules;
            fallback.sessions = sessions;
            fallback.routes = routes;
            fallback.offline = storage;
            fallback.receipts = receipts;
            fallback.shown = new AsGiven();
            fallback.isp = ISP;
            fallback.lanes = lanes;
            fallback.inFlight = inFlight;
            fallback.catchingUp = catchingUp;
            fallback.log = log;
            fallback.executor = Runnable::run;
            fallback.watchLateAcknowledgements();
        }

        /** A connected device that has been offered its stored messages (it takes new ones at once). */
        Device connect(String user, String device, boolean acknowledges) {
            Device d = new Device(user, device, acknowledges);
            sessions.register(d);
            catchingUp.caughtUpNow(d);
            return d;
        }
    }

    /** The stored messages of the database, in memory. */
    static final class StoredMessages extends org.universalim.routing.control.MessageStore {
        final List<ImMessage> stored = new CopyOnWriteArrayList<>();

        @Override
        public long countStored(String user) {
            return stored.stream().filter(m -> user.equals(m.recipientUser())).count();
        }

        @Override
        public List<ImMessage> storedFor(String user, int max) {
            return stored.stream().filter(m -> user.equals(m.recipientUser())).limit(max).toList();
        }
    }

    /** Addresses shown as the message has them. */
    static final class AsGiven extends ShownAddresses {
        @Override
        public String sender(ImMessage m) {
            return m.sender().toString();
        }

        @Override
        public String recipient(ImMessage m) {
            return m.recipient().toString();
        }
    }

    /** A connected device that keeps what it is given. */
    static final class Device implements ClientSession {
        final String id;
        final String user;
        final String device;
        final boolean acknowledges;
        final List<Delivery> got = new CopyOnWriteArrayList<>();
        volatile boolean full;

        Device(String user, String device, boolean acknowledges) {
            this.id = user + "/" + device;
            this.user = user;
            this.device = device;
            this.acknowledges = acknowledges;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String userName() {
            return user;
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public Protocol protocol() {
            return Protocol.LOCAL;
        }

        @Override
        public boolean deliver(Delivery delivery) {
            if (full) {
                return false;
            }
            got.add(delivery);
            return true;
        }

        @Override
        public boolean acknowledgesMessages() {
            return acknowledges;
        }

        @Override
        public void close(String reason) {
        }

        List<String> messageIds() {
            return got.stream().filter(d -> d instanceof Delivery.Message).map(d -> ((Delivery.Message) d).messageId()).toList();
        }
    }
}
