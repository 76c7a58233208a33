package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Another ISP whose Universal IM server we federate with (R11): configured by the administrator, stored
 * here, used at once (no restart). It authenticates with a TLS client certificate for its domain.
 */
@Entity
@Table(name = "PEER")
@NamedQuery(name = Peer.ALL, query = "SELECT p FROM Peer p ORDER BY p.domain")
@NamedQuery(name = Peer.BY_UNIVERSAL_DOMAIN, query = "SELECT p FROM Peer p WHERE p.universalDomain = :domain")
public class Peer {

    public static final String ALL = "Peer.all";
    public static final String BY_UNIVERSAL_DOMAIN = "Peer.byUniversalDomain";

    /** The peer's ISP domain, e.g. {@code isp-b.example}; its certificate names it. */
    @Id
    @Column(name = "DOMAIN", length = 253)
    private String domain;

    @Version
    private long version;

    /** The peer's universal domain, e.g. {@code isp-b-u.example}. */
    @Column(name = "UNIVERSAL_DOMAIN", length = 253, nullable = false)
    private String universalDomain;

    /** Where its federation endpoint is, e.g. {@code https://isp-b.example:9543}. */
    @Column(name = "BASE_URL", length = 500, nullable = false)
    private String baseUrl;

    /**
     * Further federation endpoints of the same peer (its other nodes), space separated, null when it has one: calls
     * go to each in turn, and past one that cannot be reached (docs/federation.md, "A peer with several nodes").
     */
    @Column(name = "OTHER_BASE_URLS", length = 2000)
    private String otherBaseUrls;

    @Enumerated(EnumType.STRING)
    @Column(name = "TRANSPORT", length = 8, nullable = false)
    private Transport transport;

    /** SHA-256 of the peer's certificate (hex), when pinned; otherwise any certificate of the federation CA for the domain. */
    @Column(name = "CERT_SHA256", length = 64)
    private String certificateSha256;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled = true;

    /** Announce every new or upgraded universal user of ours to this peer, not only those it tracks. */
    @Column(name = "ANNOUNCE_ALL", nullable = false)
    private boolean announceAll;

    /** How long a request may wait for this peer before it fails back to its sender; the server default when null. */
    @Column(name = "DEADLINE_SECONDS")
    private Long deadlineSeconds;

    @Column(name = "CREATED_AT", nullable = false, updatable = false)
    private Instant createdAt;

    /** An XMPP server reached over server-to-server XMPP (docs/xmpp-tcp.md), never stored: see {@link #xmppServer}. */
    @Transient
    private boolean xmppServer;

    protected Peer() {
        // for JPA
    }

    /**
     * A domain that is no configured peer but an XMPP server reached over server-to-server XMPP: a peer of the moment,
     * never stored, whose users are its domain's (its local and universal domain are that domain). The federation's
     * outbox, foreign users and presence logic work for it as for a peer; only the wire differs (XMPP stanzas).
     */
    public static Peer xmppServer(String domain, Instant now) {
        Peer peer = new Peer(domain, now);
        peer.configure(domain, "xmpp:" + domain, Transport.REST, null, true, false, null);
        peer.xmppServer = true;
        return peer;
    }

    /** Whether this is an XMPP server of the moment ({@link #xmppServer}), not a configured Universal IM peer. */
    public boolean isXmppServer() {
        return xmppServer;
    }

    public Peer(String domain, Instant createdAt) {
        this.domain = domain;
        this.createdAt = createdAt;
    }

    public void configure(String universalDomain, String baseUrl, Transport transport, String certificateSha256,
                          boolean enabled, boolean announceAll, Long deadlineSeconds) {
        this.deadlineSeconds = deadlineSeconds;
        this.universalDomain = universalDomain;
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.certificateSha256 = certificateSha256;
        this.enabled = enabled;
        this.announceAll = announceAll;
    }

    public String domain() {
        return domain;
    }

    public String universalDomain() {
        return universalDomain;
    }

    /** The first of its {@link #baseUrls()}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Every federation endpoint of the peer, the first being {@link #baseUrl()}. */
    public List<String> baseUrls() {
        List<String> all = new ArrayList<>();
        all.add(baseUrl);
        if (otherBaseUrls != null) {
            for (String url : otherBaseUrls.split(" ")) {
                if (!url.isEmpty()) {
                    all.add(url);
                }
            }
        }
        return List.copyOf(all);
    }

    /** Sets the endpoints after the first ({@link #configure}'s base URL); an empty list for a peer of one. */
    public void alsoReachableAt(List<String> others) {
        this.otherBaseUrls = others.isEmpty() ? null : String.join(" ", others);
    }

    public Transport transport() {
        return transport;
    }

    public String certificateSha256() {
        return certificateSha256;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean announceAll() {
        return announceAll;
    }

    public Long deadlineSeconds() {
        return deadlineSeconds;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Whether an address's domain is this peer's (local or universal). */
    public boolean owns(String addressDomain) {
        return domain.equals(addressDomain) || universalDomain.equals(addressDomain);
    }
}
