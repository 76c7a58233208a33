package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/**
 * A request a peer sent, by its transaction id, with the answer we gave: a replay of the id gets the same
 * answer and changes nothing.
 */
@Entity
@Table(name = "FEDERATION_INBOX", uniqueConstraints = @UniqueConstraint(name = "UQ_INBOX_PEER_TX",
        columnNames = {"PEER", "TRANSACTION_ID"}))
@NamedQuery(name = InboxEntry.BY_TRANSACTION, query = "SELECT i FROM InboxEntry i WHERE i.peer = :peer "
        + "AND i.transactionId = :tx")
@NamedQuery(name = InboxEntry.DELETE_BEFORE, query = "DELETE FROM InboxEntry i WHERE i.receivedAt < :before")
public class InboxEntry {

    public static final String BY_TRANSACTION = "InboxEntry.byTransaction";
    public static final String DELETE_BEFORE = "InboxEntry.deleteBefore";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "inboxIds")
    @TableGenerator(name = "inboxIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "FEDERATION_INBOX", allocationSize = 100)
    private Long id;

    @Column(name = "PEER", length = 253, nullable = false)
    private String peer;

    @Column(name = "TRANSACTION_ID", length = 64, nullable = false)
    private String transactionId;

    @Column(name = "OPERATION", length = 32, nullable = false)
    private String operation;

    @Column(name = "RESPONSE", length = OutboxItem.MAX_PAYLOAD, nullable = false)
    private String response;

    @Column(name = "RECEIVED_AT", nullable = false)
    private Instant receivedAt;

    protected InboxEntry() {
        // for JPA
    }

    public InboxEntry(String peer, String transactionId, String operation, String response, Instant receivedAt) {
        this.peer = peer;
        this.transactionId = transactionId;
        this.operation = operation;
        this.response = response;
        this.receivedAt = receivedAt;
    }

    public String operation() {
        return operation;
    }

    public String response() {
        return response;
    }
}
