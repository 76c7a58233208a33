package org.universalim.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.PeerHealth;
import org.universalim.federation.entity.Transport;
import org.universalim.platform.ConflictException;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.platform.tls.PinnedTls;
import org.universalim.address.Domains;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The peers we federate with (R11): configured through the administration API, stored in the database,
 * used at once; and who a TLS client certificate belongs to.
 */
@Stateless
public class PeerDirectory {

    /** The most endpoints one peer may have (the others than the first are stored in 2,000 characters). */
    static final int MAX_BASE_URLS = 8;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Inject
    PeerLookup lookup;

    @Inject
    XmppServers xmpp;

    public List<PeerView> peers() {
        Map<String, Long> depth = outboxDepth();
        return em.createNamedQuery(Peer.ALL, Peer.class).getResultStream()
                .map(p -> PeerView.of(p, em.find(PeerHealth.class, p.domain()), depth.getOrDefault(p.domain(), 0L))).toList();
    }

    public PeerView peer(String domain) {
        Peer p = find(domain).orElseThrow(() -> new NotFoundException("no peer '" + domain + "'"));
        return PeerView.of(p, em.find(PeerHealth.class, p.domain()), outboxDepth().getOrDefault(p.domain(), 0L));
    }

    /** Whether the last call to a peer got through (true for a peer never called). */
    public boolean reachable(String domain) {
        PeerHealth health = em.find(PeerHealth.class, domain);
        return health == null || health.reachable();
    }

    public Optional<Peer> find(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Peer.class, domain.strip().toLowerCase(Locale.ROOT)));
    }

    public PeerView add(PeerRequest request) {
        String domain = domainOf(request);
        if (find(domain).isPresent()) {
            throw new ConflictException("peer_exists", "a peer " + domain + " is configured already");
        }
        Peer peer = new Peer(domain, clock.instant());
        configure(peer, request);
        em.persist(peer);
        em.flush();
        lookup.changing();
        log.info(() -> "federation: peer " + domain + " added (" + peer.transport() + " " + peer.baseUrl() + ")");
        return PeerView.of(peer, null, 0);
    }

    public PeerView update(String domain, PeerRequest request) {
        Peer peer = find(domain).orElseThrow(() -> new NotFoundException("no peer '" + domain + "'"));
        configure(peer, new PeerRequest(peer.domain(), request.universalDomain(), request.baseUrl(), request.transport(),
                request.certificateSha256(), request.enabled(), request.announceAll(), request.deadlineSeconds(), request.baseUrls()));
        // a changed configuration is worth a try at once
        em.createQuery("UPDATE OutboxItem o SET o.nextAttemptAt = :now WHERE o.peer = :peer AND o.nextAttemptAt > :now")
                .setParameter("now", clock.instant()).setParameter("peer", peer.domain()).executeUpdate();
        lookup.changing();
        return peer(domain);
    }

    public void remove(String domain) {
        Peer peer = find(domain).orElseThrow(() -> new NotFoundException("no peer '" + domain + "'"));
        em.remove(peer);
        lookup.changing();
        log.info(() -> "federation: peer " + domain + " removed");
    }

    /**
     * The enabled peer an address belongs to (by its local or universal domain); for a domain that is no configured
     * peer, an XMPP server of the moment ({@link Peer#xmppServer}) when server-to-server XMPP reaches it.
     */
    public Optional<Peer> forAddress(UserId address) {
        return forDomain(address.domain());
    }

    /** The enabled peer of a domain (local or universal), else its XMPP server of the moment (as {@link #forAddress}). */
    public Optional<Peer> forDomain(String domain) {
        return lookup.forDomain(domain, () -> peerOf(domain).or(() -> xmppServer(domain)));
    }

    /** The XMPP server of a domain that is no configured peer (not even a disabled one), when s2s reaches it. */
    public Optional<Peer> xmppServer(String domain) {
        if (find(domain).isPresent() || !em.createNamedQuery(Peer.BY_UNIVERSAL_DOMAIN, Peer.class).setParameter("domain", domain)
                .getResultList().isEmpty() || !xmpp.reaches(domain)) {
            return Optional.empty();
        }
        return Optional.of(Peer.xmppServer(domain, clock.instant()));
    }

    private Optional<Peer> peerOf(String domain) {
        Optional<Peer> byLocal = find(domain);
        if (byLocal.isPresent()) {
            return byLocal.filter(Peer::enabled);
        }
        return em.createNamedQuery(Peer.BY_UNIVERSAL_DOMAIN, Peer.class).setParameter("domain", domain)
                .getResultStream().filter(Peer::enabled).findFirst();
    }

    /**
     * The enabled peer a verified TLS client certificate belongs to: one of its DNS names is the peer's
     * domain, and when the peer's certificate is pinned, it is that certificate.
     */
    public Optional<Peer> authenticate(X509Certificate certificate) {
        List<String> names = dnsNames(certificate);
        List<Peer> matches = new ArrayList<>();
        for (String name : names) {
            find(name).filter(Peer::enabled).ifPresent(matches::add);
        }
        if (matches.size() != 1) {
            return Optional.empty();
        }
        Peer peer = matches.get(0);
        if (peer.certificateSha256() != null && !peer.certificateSha256().equalsIgnoreCase(sha256(certificate))) {
            return Optional.empty();
        }
        return Optional.of(peer);
    }

    public Map<String, Long> outboxDepth() {
        Map<String, Long> depth = new HashMap<>();
        for (Object[] row : em.createNamedQuery(OutboxItem.DEPTH, Object[].class).getResultList()) {
            depth.put((String) row[0], (Long) row[1]);
        }
        return depth;
    }

    public static String sha256(X509Certificate certificate) {
        return PinnedTls.sha256(certificate);
    }

    /**
     * Whether a certificate (already trusted by the federation port's TLS) is this ISP's own: the caller
     * is another node of this ISP.
     */
    public boolean isOwnNode(X509Certificate certificate) {
        return dnsNames(certificate).contains(isp.ispDomain().toLowerCase(Locale.ROOT));
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }

    private String domainOf(PeerRequest request) {
        try {
            return Domains.normalize(request.domain());
        } catch (InvalidAddressException e) {
            throw new InvalidRequestException("domain", e.getMessage());
        }
    }

    private void configure(Peer peer, PeerRequest r) {
        List<FieldError> errors = new ArrayList<>();
        String domain = peer.domain();
        if (domain.equals(isp.ispDomain())) {
            errors.add(new FieldError("domain", "that is this ISP's own domain"));
        }
        String universal = null;
        try {
            universal = r.universalDomain() == null || r.universalDomain().isBlank()
                    ? isp.marker().universalDomainOf(domain) : Domains.normalize(r.universalDomain());
        } catch (InvalidAddressException e) {
            errors.add(new FieldError("universalDomain", e.getMessage()));
        }
        List<String> urls = new ArrayList<>();
        if (r.baseUrl() != null && !r.baseUrl().isBlank()) {
            urls.add(r.baseUrl());
        }
        if (r.baseUrls() != null) {
            urls.addAll(r.baseUrls());
        }
        if (urls.isEmpty()) {
            urls.add("");
        }
        if (urls.size() > MAX_BASE_URLS) {
            errors.add(new FieldError("baseUrls", "at most " + MAX_BASE_URLS + " endpoints"));
        }
        List<String> endpoints = new ArrayList<>();
        for (String given : urls) {
            String url = given == null ? "" : given.strip().replaceAll("/+$", "");
            if (!isEndpoint(url)) {
                errors.add(new FieldError(r.baseUrls() == null ? "baseUrl" : "baseUrls",
                        "an https:// URL with a host, e.g. https://" + domain + ":9543"));
            } else if (!endpoints.contains(url)) {
                endpoints.add(url);
            }
        }
        if (String.join(" ", endpoints).length() > 2000) {
            errors.add(new FieldError("baseUrls", "at most 2,000 characters together"));
        }
        Transport transport = Transport.REST;
        if (r.transport() != null && !r.transport().isBlank()) {
            try {
                transport = Transport.valueOf(r.transport().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("transport", "REST or SOAP"));
            }
        }
        String pin = r.certificateSha256() == null || r.certificateSha256().isBlank() ? null
                : r.certificateSha256().strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (pin != null && !pin.matches("[0-9a-f]{64}")) {
            errors.add(new FieldError("certificateSha256", "64 hex digits (colons allowed)"));
        }
        if (r.deadlineSeconds() != null && (r.deadlineSeconds() < 1 || r.deadlineSeconds() > 30L * 24 * 3600)) {
            errors.add(new FieldError("deadlineSeconds", "from 1 second to 30 days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        peer.configure(universal, endpoints.get(0), transport, pin,
                r.enabled() == null || r.enabled(), Boolean.TRUE.equals(r.announceAll()), r.deadlineSeconds());
        peer.alsoReachableAt(endpoints.subList(1, endpoints.size()));
    }

    /** An https URL with a host, no spaces (the endpoints are stored space separated), short enough to store. */
    private static boolean isEndpoint(String url) {
        if (url.isEmpty() || url.length() > 500 || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
