package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A user of another ISP in the Universal IM server's database (R5): kept while a local roster holds them
 * (or a peer announced them), with the last known presence and routing.
 */
@Entity
@Table(name = "FOREIGN_USER")
@NamedQuery(name = ForeignUser.OF_DOMAIN, query = "SELECT f FROM ForeignUser f WHERE f.ispDomain = :domain")
@NamedQuery(name = ForeignUser.ALL, query = "SELECT f FROM ForeignUser f ORDER BY f.address")
@NamedQuery(name = ForeignUser.SHOWN_OF_DOMAINS, query = "SELECT f FROM ForeignUser f WHERE f.ispDomain IN :domains "
        + "AND f.presenceXml IS NOT NULL AND f.unreachableSince IS NULL")
public class ForeignUser {

    public static final String OF_DOMAIN = "ForeignUser.ofDomain";
    public static final String ALL = "ForeignUser.all";
    /** The users of a peer (by its domains) whose presence local watchers are shown as the peer last told it. */
    public static final String SHOWN_OF_DOMAINS = "ForeignUser.shownOfDomains";

    @Id
    @Column(name = "ADDRESS", length = 300)
    private String address;

    @Version
    private long version;

    @Column(name = "ISP_DOMAIN", length = 253, nullable = false)
    private String ispDomain;

    @Column(name = "SCREEN_NAME", length = 64)
    private String screenName;

    /** The peer confirmed the user exists. */
    @Column(name = "KNOWN", nullable = false)
    private boolean known;

    /** The peer announced the user (R1, step 520). */
    @Column(name = "ANNOUNCED", nullable = false)
    private boolean announced;

    /** A local roster holds the user and we asked the peer to track them. */
    @Column(name = "TRACKED", nullable = false)
    private boolean tracked;

    /** The last presence the peer sent, in the contract's XML; null when none may be seen. */
    @Column(name = "PRESENCE_XML", length = 16_000)
    private String presenceXml;

    @Column(name = "AGGREGATE", length = 16)
    private String aggregate;

    @Column(name = "ROUTE_NODE", length = 64)
    private String routeNode;

    /** When the user's ISP last pushed their presence (R6); answers to our tracking requests do not count. */
    @Column(name = "PRESENCE_AT")
    private Instant presenceAt;

    /**
     * Since when the user is shown unavailable because their ISP cannot be reached; null otherwise. Cleared
     * by the next presence their ISP tells.
     */
    @Column(name = "UNREACHABLE_SINCE")
    private Instant unreachableSince;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected ForeignUser() {
        // for JPA
    }

    public ForeignUser(String address, String ispDomain, Instant createdAt) {
        this.address = address;
        this.ispDomain = ispDomain;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public void announced(String name, Instant at) {
        announced = true;
        known = true;
        if (name != null) {
            screenName = shown(name);
        }
        updatedAt = at;
    }

    /** A peer's screen name as our users may see it (PRECIS Nickname, RFC 8266); none when the peer sent controls. */
    private String shown(String name) {
        try {
            String nickname = org.universalim.address.Precis.nickname(name);
            return nickname.length() > 64 ? nickname.substring(0, 64) : nickname;
        } catch (IllegalArgumentException e) {
            return screenName;
        }
    }

    public void tracked(boolean on, Instant at) {
        tracked = on;
        updatedAt = at;
    }

    public void known(boolean exists, String name, String node, Instant at) {
        known = exists;
        if (name != null) {
            screenName = shown(name);
        }
        routeNode = node;
        updatedAt = at;
    }

    public void presence(String xml, String aggregateState, Instant at) {
        presenceXml = xml;
        aggregate = aggregateState;
        unreachableSince = null;
        updatedAt = at;
    }

    /** The user's ISP pushed this presence (R6). */
    public void pushedPresence(String xml, String aggregateState, Instant at) {
        presence(xml, aggregateState, at);
        presenceAt = at;
    }

    /**
     * Whether an answer to a tracking request sent at {@code askedAt} may set the presence: not when the ISP
     * pushed one since, which may be newer than the answer (and a later change is pushed anyway).
     */
    public boolean answerIsCurrent(Instant askedAt) {
        return presenceAt == null || askedAt == null || presenceAt.isBefore(askedAt);
    }

    /** The user's ISP cannot be reached: they are shown unavailable until it tells their presence again. */
    public void unreachable(Instant since) {
        unreachableSince = since;
    }

    public String address() {
        return address;
    }

    /**
     * The address as a {@link org.universalim.address.UserId}. The column stays text: it is the primary key, and JPA
     * converts no id attribute.
     */
    public org.universalim.address.UserId userId() {
        return org.universalim.address.UserId.fromStored(address);
    }

    public String ispDomain() {
        return ispDomain;
    }

    public String screenName() {
        return screenName;
    }

    public boolean isKnown() {
        return known;
    }

    public boolean isAnnounced() {
        return announced;
    }

    public boolean isTracked() {
        return tracked;
    }

    public String presenceXml() {
        return presenceXml;
    }

    public String aggregate() {
        return aggregate;
    }

    public String routeNode() {
        return routeNode;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant unreachableSince() {
        return unreachableSince;
    }
}
