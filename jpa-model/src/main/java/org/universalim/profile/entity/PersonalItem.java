package org.universalim.profile.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/**
 * One item published on a personal event node: its id and its payload, one element of another namespace kept as
 * XML (bounded). Newest last: a larger id is a later publication (publishing an id again makes a new row).
 */
@Entity
@Table(name = "PEP_ITEM", uniqueConstraints = @UniqueConstraint(name = "UQ_PEP_ITEM_NODE_ITEM", columnNames = {"NODE_ID", "ITEM_ID"}),
        indexes = @Index(name = "IX_PEP_ITEM_OWNER", columnList = "OWNER"))
@NamedQuery(name = PersonalItem.OF_NODE, query = "SELECT i FROM PersonalItem i WHERE i.nodeId = :node ORDER BY i.id DESC")
@NamedQuery(name = PersonalItem.BY_ID, query = "SELECT i FROM PersonalItem i WHERE i.nodeId = :node AND i.itemId = :item")
@NamedQuery(name = PersonalItem.BYTES_OF_OWNER, query = "SELECT COALESCE(SUM(i.bytes), 0) FROM PersonalItem i WHERE i.owner = :owner")
@NamedQuery(name = PersonalItem.COUNT_OF_OWNER, query = "SELECT COUNT(i) FROM PersonalItem i WHERE i.owner = :owner")
@NamedQuery(name = PersonalItem.OF_NODES, query = "SELECT i FROM PersonalItem i WHERE i.nodeId IN :nodes ORDER BY i.id DESC")
public class PersonalItem {

    public static final String OF_NODE = "PersonalItem.ofNode";
    public static final String BY_ID = "PersonalItem.byId";
    public static final String BYTES_OF_OWNER = "PersonalItem.bytesOfOwner";
    public static final String COUNT_OF_OWNER = "PersonalItem.countOfOwner";
    public static final String OF_NODES = "PersonalItem.ofNodes";

    public static final int MAX_ID = 256;
    /** The largest payload the column holds, in characters. */
    public static final int MAX_PAYLOAD = 32_000;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "pepItemIds")
    @TableGenerator(name = "pepItemIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "PEP_ITEM", allocationSize = 50)
    private Long id;

    @Column(name = "NODE_ID", nullable = false, updatable = false)
    private Long nodeId;

    /** The node's owner (user name), to bound what one user keeps. */
    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    @Column(name = "ITEM_ID", length = MAX_ID, nullable = false, updatable = false)
    private String itemId;

    @Column(name = "PAYLOAD", length = MAX_PAYLOAD, nullable = false, updatable = false)
    private String payload;

    /** The payload's size in UTF-8 bytes. */
    @Column(name = "BYTES", nullable = false, updatable = false)
    private int bytes;

    @Column(name = "PUBLISHED_AT", nullable = false, updatable = false)
    private Instant publishedAt;

    protected PersonalItem() {
        // for JPA
    }

    public PersonalItem(PersonalNode node, String itemId, String payload, int bytes, Instant publishedAt) {
        if (itemId == null || itemId.isEmpty() || itemId.length() > MAX_ID) {
            throw new IllegalArgumentException("an item id has 1 to " + MAX_ID + " characters");
        }
        if (payload == null || payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("an item has at most " + MAX_PAYLOAD + " characters");
        }
        this.nodeId = node.id();
        this.owner = node.owner();
        this.itemId = itemId;
        this.payload = payload;
        this.bytes = bytes;
        this.publishedAt = publishedAt;
    }

    public Long id() {
        return id;
    }

    public Long nodeId() {
        return nodeId;
    }

    public String itemId() {
        return itemId;
    }

    public String payload() {
        return payload;
    }

    public int bytes() {
        return bytes;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
