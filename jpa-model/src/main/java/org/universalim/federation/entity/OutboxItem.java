package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

import java.time.Instant;

/**
 * One federation request waiting to go to a peer, written in the same transaction as the change that
 * caused it (no loss). A peer's items are sent in order, retried with back-off until their deadline.
 */
@Entity
@Table(name = "FEDERATION_OUTBOX", indexes = {@Index(name = "IX_OUTBOX_PEER", columnList = "PEER, ID"),
        @Index(name = "IX_OUTBOX_PEER_ORDER", columnList = "PEER, CREATED_AT, ID")})
// in the order the items were queued on their node (strictly increasing there), not by id (see OutboxClock)
@NamedQuery(name = OutboxItem.OF_PEER, query = "SELECT o FROM OutboxItem o WHERE o.peer = :peer ORDER BY o.createdAt, o.id")
// the ids alone: the index (PEER, CREATED_AT, ID) answers it in order, with no sort of the peer's whole outbox
@NamedQuery(name = OutboxItem.HEAD_IDS, query = "SELECT o.id FROM OutboxItem o WHERE o.peer = :peer ORDER BY o.createdAt, o.id")
@NamedQuery(name = OutboxItem.WITH_IDS, query = "SELECT o FROM OutboxItem o WHERE o.id IN :ids")
@NamedQuery(name = OutboxItem.PEERS_DUE, query = "SELECT DISTINCT o.peer FROM OutboxItem o WHERE o.nextAttemptAt <= :now")
@NamedQuery(name = OutboxItem.DEPTH, query = "SELECT o.peer, COUNT(o) FROM OutboxItem o GROUP BY o.peer")
@NamedQuery(name = OutboxItem.PRESENCE_OF, query = "SELECT o FROM OutboxItem o WHERE o.peer = :peer "
        + "AND o.operation = :operation AND o.subject = :subject AND o.attempts = 0")
@NamedQuery(name = OutboxItem.REPLACE, query = "UPDATE OutboxItem o SET o.payload = :payload, o.transactionId = :tx, "
        + "o.revision = o.revision + 1 WHERE o.id = :id")
@NamedQuery(name = OutboxItem.REMOVE_SENT, query = "DELETE FROM OutboxItem o WHERE o.id IN :ids AND o.revision = :revision")
public class OutboxItem {

    public static final String OF_PEER = "OutboxItem.ofPeer";
    public static final String HEAD_IDS = "OutboxItem.headIds";
    public static final String WITH_IDS = "OutboxItem.withIds";
    public static final String PEERS_DUE = "OutboxItem.peersDue";
    public static final String DEPTH = "OutboxItem.depth";
    public static final String PRESENCE_OF = "OutboxItem.presenceOf";
    /** Replaces the payload of a waiting item by a newer one (one statement: it finds the row or nothing). */
    public static final String REPLACE = "OutboxItem.replace";
    /** Removes items that went through, unless their payload was replaced meanwhile. */
    public static final String REMOVE_SENT = "OutboxItem.removeSent";

    public static final int MAX_PAYLOAD = 30_000;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "outboxIds")
    @TableGenerator(name = "outboxIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "FEDERATION_OUTBOX", allocationSize = 100)
    private Long id;

    @Column(name = "PEER", length = 253, nullable = false)
    private String peer;

    /** The operation, e.g. {@code messages}, {@code presence}, {@code track}. */
    @Column(name = "OPERATION", length = 32, nullable = false)
    private String operation;

    @Column(name = "TRANSACTION_ID", length = 64, nullable = false)
    private String transactionId;

    /** The request, marshalled to the contract's XML. */
    @Column(name = "PAYLOAD", length = MAX_PAYLOAD, nullable = false)
    private String payload;

    /** What the item is about (the message id, or the user whose presence it carries). */
    @Column(name = "SUBJECT", length = 300)
    private String subject;

    /** The local user to tell when the item cannot be delivered (messages). */
    @Column(name = "SENDER_USER", length = 32)
    private String senderUser;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "DEADLINE", nullable = false)
    private Instant deadline;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "LAST_ERROR", length = 500)
    private String lastError;

    /**
     * How many times the payload was replaced by a newer one (presence): a send that carried an older
     * revision does not remove the item, so the newer one still goes.
     */
    @Column(name = "REVISION", nullable = false)
    private int revision;

    protected OutboxItem() {
        // for JPA
    }

    public OutboxItem(String peer, String operation, String transactionId, String payload, String subject,
                      String senderUser, Instant createdAt, Instant deadline) {
        this(peer, operation, transactionId, payload, subject, senderUser, createdAt, deadline, createdAt);
    }

    /**
     * @param createdAt the item's place in its peer's line (strictly increasing on its node, it may run a few
     *                  microseconds ahead of the clock)
     * @param due       when it may first be sent (the clock's now)
     */
    public OutboxItem(String peer, String operation, String transactionId, String payload, String subject,
                      String senderUser, Instant createdAt, Instant deadline, Instant due) {
        this.peer = peer;
        this.operation = operation;
        this.transactionId = transactionId;
        this.payload = payload;
        this.subject = subject;
        this.senderUser = senderUser;
        this.createdAt = createdAt;
        this.deadline = deadline;
        this.nextAttemptAt = due;
    }

    /** Records a failed attempt and when to try again. */
    public void retryAt(Instant next, String error) {
        attempts++;
        nextAttemptAt = next;
        lastError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }


    public boolean expiredAt(Instant now) {
        return !now.isBefore(deadline);
    }

    public Long id() {
        return id;
    }

    public String peer() {
        return peer;
    }

    public String operation() {
        return operation;
    }

    public String transactionId() {
        return transactionId;
    }

    public String payload() {
        return payload;
    }

    public String subject() {
        return subject;
    }

    public String senderUser() {
        return senderUser;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deadline() {
        return deadline;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public int revision() {
        return revision;
    }
}
