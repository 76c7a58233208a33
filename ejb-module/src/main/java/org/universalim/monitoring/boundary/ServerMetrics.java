package org.universalim.monitoring.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.universalim.federation.boundary.PeerDirectory;
import org.universalim.federation.boundary.PeerView;
import org.universalim.registration.boundary.LoginThrottle;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.Protocol;
import org.universalim.routing.boundary.SessionRegistry;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.RoutingCounters;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The server's numbers as MicroProfile Metrics (application scope, {@code /metrics?scope=application}), so
 * the admin console and any monitoring system read the same values: connected sessions per protocol,
 * messages routed (a counter, see {@link RoutingCounters}), the message journal's backlog, messages waiting
 * for a device's acknowledgement, the federation outbox depth per peer, the accounts and client
 * addresses the log-in throttle keeps locked (its counters of failures are {@link LoginThrottle}'s own),
 * and the size, hits, misses and evictions of each named cache ({@link Caches}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServerMetrics {

    public static final String SESSIONS = "universalim.sessions";
    public static final String JOURNAL_BACKLOG = "universalim.journal.backlog";
    public static final String IN_FLIGHT = "universalim.messages.inflight";
    public static final String OUTBOX_DEPTH = "universalim.federation.outbox.depth";
    public static final String LOGIN_LOCKED = "universalim.login.locked";
    public static final String CACHE_SIZE = "universalim.cache.size";
    public static final String CACHE_HITS = "universalim.cache.hits";
    public static final String CACHE_MISSES = "universalim.cache.misses";
    public static final String CACHE_EVICTIONS = "universalim.cache.evictions";
    /** How long one reading of the outbox depths is used (they are a database query). */
    static final long DEPTH_TTL_MILLIS = 1_000;
    static final long PEER_REFRESH_SECONDS = 5;

    @Inject
    MetricRegistry registry;

    @Inject
    SessionRegistry sessions;

    @Inject
    MessageJournal journal;

    @Inject
    MessageService messages;

    @Inject
    RoutingCounters counters;

    @Inject
    LoginThrottle throttle;

    @EJB
    PeerDirectory peers;

    @Inject
    Caches caches;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Logger log;

    private final Set<String> peerGauges = ConcurrentHashMap.newKeySet();
    private final Set<String> cacheGauges = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> depths = Map.of();
    private volatile long depthsReadAt;
    private ScheduledFuture<?> refresh;

    @PostConstruct
    void register() {
        for (Protocol p : Protocol.values()) {
            registry.gauge(Metadata.builder().withName(SESSIONS).withDescription("Client sessions connected to this node")
                    .build(), () -> sessions.countByProtocol().getOrDefault(p, 0), protocolTag(p));
        }
        registry.gauge(Metadata.builder().withName(JOURNAL_BACKLOG)
                .withDescription("Message writes waiting for the journal's next group commit").build(), journal::backlog);
        registry.gauge(Metadata.builder().withName(IN_FLIGHT)
                .withDescription("Messages handed to a device and waiting for its acknowledgement").build(), messages::inFlightCount);
        counters.routedCount(); // registers the counter at start, so it is on /metrics from the first scrape
        for (String kind : new String[] {LoginThrottle.ACCOUNT, LoginThrottle.ADDRESS}) {
            registry.gauge(Metadata.builder().withName(LOGIN_LOCKED)
                    .withDescription("Accounts or client addresses locked now by the password-guessing throttle").build(),
                    () -> throttle.lockedCount(kind), new Tag("kind", kind));
        }
        refresh = scheduler.scheduleWithFixedDelay(this::refreshPeerGauges, 0, PEER_REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void unregister() {
        if (refresh != null) {
            refresh.cancel(false);
        }
        // the suppliers refer to this instance: a redeployed application registers its own
        for (Protocol p : Protocol.values()) {
            registry.remove(new MetricID(SESSIONS, protocolTag(p)));
        }
        registry.remove(JOURNAL_BACKLOG);
        registry.remove(IN_FLIGHT);
        registry.remove(new MetricID(LOGIN_LOCKED, new Tag("kind", LoginThrottle.ACCOUNT)));
        registry.remove(new MetricID(LOGIN_LOCKED, new Tag("kind", LoginThrottle.ADDRESS)));
        peerGauges.forEach(peer -> registry.remove(outboxId(peer)));
        peerGauges.clear();
        for (String cache : cacheGauges) {
            for (String metric : new String[]{CACHE_SIZE, CACHE_HITS, CACHE_MISSES, CACHE_EVICTIONS}) {
                registry.remove(new MetricID(metric, new Tag("cache", cache)));
            }
        }
        cacheGauges.clear();
    }

    static Tag protocolTag(Protocol p) {
        return new Tag("protocol", p.name().toLowerCase(Locale.ROOT));
    }

    static MetricID outboxId(String peer) {
        return new MetricID(OUTBOX_DEPTH, new Tag("peer", peer));
    }

    /** The outbox depth of each peer, read from the database at most once a second. */
    public Map<String, Long> outboxDepths() {
        long now = System.currentTimeMillis();
        if (now - depthsReadAt > DEPTH_TTL_MILLIS) {
            depths = Map.copyOf(peers.outboxDepth());
            depthsReadAt = now;
        }
        return depths;
    }

    /** One gauge per configured peer (added for new peers, removed for removed ones), and the gauges of each cache made. */
    public void refreshPeerGauges() {
        registerCacheGauges();
        try {
            Set<String> configured = peers.peers().stream().map(PeerView::domain).collect(Collectors.toSet());
            for (String peer : configured) {
                if (peerGauges.add(peer)) {
                    registry.gauge(Metadata.builder().withName(OUTBOX_DEPTH)
                                    .withDescription("Federation requests waiting in a peer's outbox").build(),
                            () -> outboxDepths().getOrDefault(peer, 0L), new Tag("peer", peer));
                }
            }
            for (String peer : Set.copyOf(peerGauges)) {
                if (!configured.contains(peer)) {
                    registry.remove(outboxId(peer));
                    peerGauges.remove(peer);
                }
            }
        } catch (RuntimeException e) {
            log.log(Level.FINE, "peer gauges not refreshed", e);
        }
    }

    /** Size, hits, misses and evictions of every named cache, registered once it exists (caches are made on first use). */
    void registerCacheGauges() {
        for (NamedCache<?, ?> cache : caches.all()) {
            if (cacheGauges.add(cache.name())) {
                Tag tag = new Tag("cache", cache.name());
                registry.gauge(Metadata.builder().withName(CACHE_SIZE).withDescription("Entries held by an in-memory cache").build(),
                        cache::size, tag);
                registry.gauge(Metadata.builder().withName(CACHE_HITS).withDescription("Reads an in-memory cache answered").build(),
                        cache::hits, tag);
                registry.gauge(Metadata.builder().withName(CACHE_MISSES).withDescription("Reads an in-memory cache had to load").build(),
                        cache::misses, tag);
                registry.gauge(Metadata.builder().withName(CACHE_EVICTIONS)
                        .withDescription("Entries an in-memory cache dropped for its size").build(), cache::evictions, tag);
            }
        }
    }
}
