package org.universalim.federation.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Messages for other ISPs gathered in a transaction (the message journal's batch) and written to the peers' outboxes
 * together before it ends: one outbox item per peer and a few dozen messages, written to the contract's XML once, not
 * an item per message (profile of 2026-12-06: the outbox row of every message was inserted, read back with its
 * payload, re-read against the schema and deleted). Each item is a {@code messageBatch} as the peer receives it.
 */
@ApplicationScoped
public class OutgoingMessages {

    /** Messages an outbox item holds at most (the sender joins items up to the configured batch size). */
    static final int MESSAGES_PER_ITEM = 50;

    /** A message for a peer and the local user who sent it. */
    record Pending(MessageBatch.Message message, String senderUser) {
    }

    @EJB
    FederationOutbox outbox;

    @Inject
    FederationSettings settings;

    @Inject
    Logger log;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The key of the current transaction's gathered messages, per peer in the order they came. */
    private final Object key = new Object();

    /**
     * Gathers a message for {@code peer} in the current transaction; without one it is queued at once. The caller
     * writes what it gathered with {@link #queue} before its transaction ends; a transaction that would end with
     * messages not queued is rolled back (nothing is lost: its writer sees it fail).
     */
    public void add(String peer, MessageBatch.Message message, String senderUser) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            write(peer, List.of(new Pending(message, senderUser)));
            return;
        }
        gathered(true).computeIfAbsent(peer, p -> new ArrayList<>()).add(new Pending(message, senderUser));
    }

    /** Writes the messages gathered in the current transaction to their peers' outboxes. */
    public void queue() {
        Map<String, List<Pending>> gathered = gathered(false);
        if (gathered == null || gathered.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> now = new LinkedHashMap<>(gathered);
        gathered.clear();
        now.forEach(this::write);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<Pending>> gathered(boolean create) {
        Map<String, List<Pending>> gathered = (Map<String, List<Pending>>) transactions.getResource(key);
        if (gathered == null && create) {
            Map<String, List<Pending>> fresh = new LinkedHashMap<>();
            transactions.putResource(key, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (!fresh.isEmpty()) {
                        log.severe(() -> "federation: " + fresh.values().stream().mapToInt(List::size).sum()
                                + " message(s) for other ISPs were not queued; their transaction is rolled back");
                        transactions.setRollbackOnly();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            return fresh;
        }
        return gathered;
    }

    private void write(String peer, List<Pending> messages) {
        int per = Math.min(MESSAGES_PER_ITEM, settings.batchMax());
        for (int from = 0; from < messages.size(); from += per) {
            enqueue(peer, messages.subList(from, Math.min(messages.size(), from + per)));
        }
    }

    /** One item of these messages, or two of halves where the XML would pass an item's size. */
    private void enqueue(String peer, List<Pending> messages) {
        MessageBatch batch = new MessageBatch();
        batch.transactionId = FederationOutbox.newTransactionId();
        messages.forEach(p -> batch.messages.add(p.message()));
        String xml = WireCodec.write(batch);
        if (xml.length() > OutboxItem.MAX_PAYLOAD && messages.size() > 1) {
            int half = messages.size() / 2;
            enqueue(peer, messages.subList(0, half));
            enqueue(peer, messages.subList(half, messages.size()));
            return;
        }
        // the sender of them all, if one user sent them (else it is read with each message when it is needed)
        String sender = messages.get(0).senderUser();
        boolean oneSender = messages.stream().allMatch(p -> java.util.Objects.equals(p.senderUser(), sender));
        outbox.enqueueWritten(peer, Operation.MESSAGES, batch.transactionId, xml, messages.get(0).message().id,
                oneSender ? sender : null);
    }
}
