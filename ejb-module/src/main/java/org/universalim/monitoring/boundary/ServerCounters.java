package org.universalim.monitoring.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.universalim.federation.boundary.PeerDirectory;
import org.universalim.federation.boundary.PeerView;
import org.universalim.platform.IspSettings;
import org.universalim.platform.SystemStatus;
import org.universalim.routing.boundary.Protocol;
import org.universalim.routing.control.RoutingCounters;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console's view of the live numbers and of the server's health; the numbers come from the metrics. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServerCounters {

    @Inject
    MetricRegistry registry;

    @EJB
    ServerMetrics metrics;

    @EJB
    PeerDirectory peers;

    @EJB
    SystemStatus status;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    public CountersView counters() {
        Map<String, Integer> sessions = new LinkedHashMap<>();
        for (Protocol p : Protocol.values()) {
            sessions.put(p.name().toLowerCase(Locale.ROOT),
                    gauge(new MetricID(ServerMetrics.SESSIONS, ServerMetrics.protocolTag(p))).intValue());
        }
        Counter routed = registry.getCounter(new MetricID(RoutingCounters.ROUTED));
        List<PeerView> configured = peers.peers();
        Map<String, Long> depths = metrics.outboxDepths();
        List<CountersView.PeerQueue> queues = configured.stream().map(p -> new CountersView.PeerQueue(p.domain(),
                depths.getOrDefault(p.domain(), 0L), p.enabled(), p.reachable(), p.lastError(), p.lastFailureAt(),
                p.lastSuccessAt())).toList();
        long total = queues.stream().mapToLong(CountersView.PeerQueue::outboxDepth).sum();
        return new CountersView(clock.instant(), isp.nodeName(), sessions, routed == null ? 0 : routed.getCount(),
                gauge(new MetricID(ServerMetrics.JOURNAL_BACKLOG)).intValue(),
                gauge(new MetricID(ServerMetrics.IN_FLIGHT)).intValue(), total, queues);
    }

    public ServerHealthView health() {
        long started = System.nanoTime();
        boolean up = true;
        String error = null;
        long subscribers = -1;
        try {
            subscribers = status.subscriberCount();
        } catch (RuntimeException e) {
            up = false;
            error = String.valueOf(e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<PeerView> configured = up ? peers.peers() : List.of();
        var runtime = ManagementFactory.getRuntimeMXBean();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Instant startedAt = Instant.ofEpochMilli(runtime.getStartTime());
        return new ServerHealthView(isp.ispDomain(), isp.universalDomain(), isp.nodeName(), startedAt,
                Duration.between(startedAt, clock.instant()).toSeconds(), up, millis, error, subscribers, configured.size(),
                (int) configured.stream().filter(p -> p.enabled() && !p.reachable()).count(), heap.getUsed() >> 20,
                heap.getMax() >> 20, ManagementFactory.getThreadMXBean().getThreadCount(),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));
    }

    private Number gauge(MetricID id) {
        Gauge<?> g = registry.getGauge(id);
        return g == null ? 0 : g.getValue();
    }
}
