package org.universalim.profile.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/**
 * A node of a user's personal eventing service (XEP-0163): its name (by convention the namespace of what is
 * published, e.g. {@code urn:xmpp:avatar:metadata}) and its configuration (XEP-0060 section 16.4: who may read
 * it, whether items are kept and how many). Removed with the account, its items with it.
 */
@Entity
@Table(name = "PEP_NODE", uniqueConstraints = @UniqueConstraint(name = "UQ_PEP_NODE_OWNER_NAME", columnNames = {"OWNER", "NAME"}))
@NamedQuery(name = PersonalNode.OF_OWNER, query = "SELECT n FROM PersonalNode n WHERE n.owner = :owner ORDER BY n.name")
@NamedQuery(name = PersonalNode.BY_NAME, query = "SELECT n FROM PersonalNode n WHERE n.owner = :owner AND n.name = :name")
@NamedQuery(name = PersonalNode.COUNT_OF_OWNER, query = "SELECT COUNT(n) FROM PersonalNode n WHERE n.owner = :owner")
@NamedQuery(name = PersonalNode.NAMED_OF_OWNERS, query = "SELECT n FROM PersonalNode n WHERE n.owner IN :owners AND n.name IN :names")
public class PersonalNode {

    public static final String OF_OWNER = "PersonalNode.ofOwner";
    public static final String BY_NAME = "PersonalNode.byName";
    public static final String COUNT_OF_OWNER = "PersonalNode.countOfOwner";
    public static final String NAMED_OF_OWNERS = "PersonalNode.namedOfOwners";

    /** The longest node name. */
    public static final int MAX_NAME = 256;

    /** What to send a resource that becomes available (XEP-0060 {@code pubsub#send_last_published_item}). */
    public enum SendLast { NEVER, ON_SUB, ON_SUB_AND_PRESENCE }

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "pepNodeIds")
    @TableGenerator(name = "pepNodeIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "PEP_NODE", allocationSize = 50)
    private Long id;

    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    /** The subscriber the node belongs to: the database removes the node (and its items) with the account. */
    @Column(name = "OWNER_ID", nullable = false, updatable = false)
    private Long ownerId;

    @Column(name = "NAME", length = MAX_NAME, nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "ACCESS_MODEL", length = 16, nullable = false)
    private AccessModel accessModel;

    @Column(name = "PERSIST_ITEMS", nullable = false)
    private boolean persistItems;

    @Column(name = "MAX_ITEMS", nullable = false)
    private int maxItems;

    @Enumerated(EnumType.STRING)
    @Column(name = "SEND_LAST", length = 32, nullable = false)
    private SendLast sendLast;

    @Column(name = "NOTIFY_RETRACT", nullable = false)
    private boolean notifyRetract;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    protected PersonalNode() {
        // for JPA
    }

    public PersonalNode(String owner, Long ownerId, String name, Instant createdAt) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a node name has 1 to " + MAX_NAME + " characters");
        }
        this.owner = owner;
        this.ownerId = ownerId;
        this.name = name;
        this.createdAt = createdAt;
    }

    /** Sets the whole configuration. */
    public void configure(AccessModel access, boolean persist, int max, SendLast last, boolean retractNotified) {
        this.accessModel = access;
        this.persistItems = persist;
        this.maxItems = max;
        this.sendLast = last;
        this.notifyRetract = retractNotified;
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public AccessModel accessModel() {
        return accessModel;
    }

    public boolean persistItems() {
        return persistItems;
    }

    public int maxItems() {
        return maxItems;
    }

    public SendLast sendLast() {
        return sendLast;
    }

    public boolean notifyRetract() {
        return notifyRetract;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
