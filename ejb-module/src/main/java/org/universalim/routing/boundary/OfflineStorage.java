package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterView;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.entity.Device;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Offline storage: a message no device takes is stored for the recipient's next log-on, up to
 * {@code offline.max.per.user} per user (beyond it the sender is told the storage is full), and a device
 * that logs on gets the stored messages it may take, oldest first, on whichever node it is connected.
 */
@ApplicationScoped
public class OfflineStorage {

    @EJB
    MessageStore store;

    @Inject
    MessageJournal journal;

    @EJB
    DeviceRegistry devices;

    @EJB
    PresenceRules rules;

    @Inject
    SessionRegistry sessions;

    @Inject
    DeviceFallback fallback;

    @Inject
    NodeDispatch nodes;

    @Inject
    Receipts receipts;

    @Inject
    ShownAddresses shown;

    @Inject
    ClusterView cluster;

    @Inject
    RoutingSettings settings;

    @Inject
    Clock clock;

    @Inject
    OfflineQuota quota;

    @Inject
    Logger log;

    // the container's executor (a plain one in unit tests)
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    /**
     * Stores the message for the recipient's next log-on; the outcome is told once the status is written,
     * so the next message to the same user counts this one against the offline limit.
     */
    CompletionStage<SendResult> store(ImMessage message, DeliveryPlan plan) {
        String user = message.recipientUser();
        // a sender's share of the box, and no stranger's message for a user who keeps none (privacy)
        SendResult refused = quota.refusal(message);
        if (refused != null) {
            return journal.mark(message.id(), ImMessage.Status.FAILED, null, clock.instant()).thenApply(done -> refused);
        }
        if (store.countStored(user) >= settings.offlineMaxPerUser()) {
            SendResult full = SendResult.failed(message.id(), "offline_storage_full", shown.recipient(message)
                    + " has too many messages waiting; try again later");
            return journal.mark(message.id(), ImMessage.Status.FAILED, null, clock.instant()).thenApply(done -> full);
        }
        SendResult stored = new SendResult(message.id(), SendResult.STORED, null, plan.reason().name(),
                plan.reason().explain(shown.recipient(message)));
        CompletableFuture<Void> marked = journal.mark(message.id(), ImMessage.Status.STORED, null, clock.instant());
        marked.thenRun(() -> {
            // the recipient may have logged on while the message was being stored
            for (ClientSession s : sessions.sessionsOf(user)) {
                executor.execute(() -> deliverStoredQuietly(s));
            }
            if (cluster.hasOtherNodes()) {
                executor.execute(() -> {
                    try {
                        nodes.offerStoredElsewhere(List.of(user));
                    } catch (RuntimeException e) {
                        log.log(Level.FINE, "stored messages of " + user + " not offered on other nodes", e);
                    }
                });
            }
        });
        return marked.thenApply(done -> stored);
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
            if (!apps.contains(m.application()) || level < m.securityLevel() || fallback.inFlight(m.id())
                    || receipts.settling(m.id())) {
                continue;
            }
            fallback.handTo(session, m, session.userName(), new HashSet<>(), true, rules.rules(session.userName()).ackTimeoutMillis());
        }
    }

    /** Offers the stored messages of these users to their devices, on whichever node they are connected. */
    public void redeliverStored(Collection<String> users) {
        deliverStoredHere(users);
        nodes.offerStoredElsewhere(users);
    }

    /** Offers the stored messages of these users to their devices connected to this node. */
    public void deliverStoredHere(Collection<String> users) {
        for (String user : users) {
            for (ClientSession s : sessions.sessionsOf(user)) {
                deliverStoredQuietly(s);
            }
        }
    }

    private void deliverStoredQuietly(ClientSession session) {
        try {
            deliverStored(session);
        } catch (RuntimeException e) {
            log.log(Level.FINE, "stored messages not delivered to " + session.id(), e);
        }
    }
}
