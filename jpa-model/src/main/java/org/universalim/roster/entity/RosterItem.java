package org.universalim.roster.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.universalim.address.UserId;
import org.universalim.address.UserIdConverter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One contact on a local user's roster (R5): the contact's address (local users by their local address),
 * a display name, groups, and the presence authorization between the two.
 */
@Entity
@Table(name = "ROSTER_ITEM", uniqueConstraints = @UniqueConstraint(name = "UQ_ROSTER_OWNER_CONTACT",
        columnNames = {"OWNER", "CONTACT"}))
@NamedQuery(name = RosterItem.OF_OWNER, query = "SELECT r FROM RosterItem r WHERE r.owner = :owner ORDER BY r.contact")
@NamedQuery(name = RosterItem.BY_CONTACT, query = "SELECT r FROM RosterItem r WHERE r.owner = :owner AND r.contact = :contact")
@NamedQuery(name = RosterItem.WATCHERS_OF, query = "SELECT r FROM RosterItem r WHERE r.contact = :contact "
        + "AND (r.subscription = :to OR r.subscription = :both)")
@NamedQuery(name = RosterItem.HOLDERS_OF, query = "SELECT COUNT(r) FROM RosterItem r WHERE r.contact = :contact")
public class RosterItem {

    public static final String OF_OWNER = "RosterItem.ofOwner";
    public static final String BY_CONTACT = "RosterItem.byContact";
    public static final String WATCHERS_OF = "RosterItem.watchersOf";
    public static final String HOLDERS_OF = "RosterItem.holdersOf";

    public static final int MAX_NAME = 64;
    public static final int MAX_GROUPS = 20;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "rosterIds")
    @TableGenerator(name = "rosterIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "ROSTER_ITEM", allocationSize = 50)
    private Long id;

    @Version
    private long version;

    /** The local user whose roster this is. */
    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    /** The contact's address (its key: a local user by the local address). */
    @Basic(optional = false)
    @Convert(converter = UserIdConverter.class)
    @Column(name = "CONTACT", length = 300, nullable = false, updatable = false)
    private UserId contact;

    @Column(name = "NAME", length = MAX_NAME)
    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ROSTER_GROUP", joinColumns = @JoinColumn(name = "ITEM_ID"))
    @Column(name = "GROUP_NAME", length = MAX_NAME, nullable = false)
    private java.util.Set<String> groups = new TreeSet<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "SUBSCRIPTION", length = 8, nullable = false)
    private Subscription subscription = Subscription.NONE;

    /** The owner asked to see the contact's presence and has no answer yet. */
    @Column(name = "ASKING", nullable = false)
    private boolean asking;

    /** The owner is shown this contact in the roster (false: known only for authorization). */
    @Column(name = "VISIBLE", nullable = false)
    private boolean visible = true;

    @Column(name = "ADDED_AT", nullable = false, updatable = false)
    private Instant addedAt;

    protected RosterItem() {
        // for JPA
    }

    public RosterItem(String owner, UserId contact, Instant addedAt) {
        this.owner = owner;
        this.contact = contact;
        this.addedAt = addedAt;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void regroup(Collection<String> newGroups) {
        this.groups = new TreeSet<>(newGroups);
    }

    public void ask() {
        asking = !subscription.seesContact();
    }

    /** The contact approved: the owner now sees the contact. */
    public void approvedByContact() {
        subscription = subscription.withTo(true);
        asking = false;
    }

    /** The contact denied or revoked. */
    public void deniedByContact() {
        subscription = subscription.withTo(false);
        asking = false;
    }

    /** The owner lets the contact see the owner. */
    public void allowContact() {
        subscription = subscription.withFrom(true);
    }

    /** The owner no longer lets the contact see the owner. */
    public void disallowContact() {
        subscription = subscription.withFrom(false);
    }

    public void show() {
        visible = true;
    }

    public void hide() {
        visible = false;
    }

    /** Nothing binds the two any more: the item can go. */
    public boolean isEmpty() {
        return !visible && subscription == Subscription.NONE && !asking;
    }

    public Long id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public UserId contact() {
        return contact;
    }

    public String name() {
        return name;
    }

    public List<String> groups() {
        return new ArrayList<>(groups);
    }

    public Subscription subscription() {
        return subscription;
    }

    public boolean asking() {
        return asking;
    }

    public boolean visible() {
        return visible;
    }

    public Instant addedAt() {
        return addedAt;
    }
}
