package org.universalim.routing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Counts the messages the routing core handles, as a MicroProfile Metrics counter
 * ({@code universalim_messages_routed_total} on {@code /metrics}); the admin console reads the same counter.
 */
@ApplicationScoped
public class RoutingCounters {

    public static final String ROUTED = "universalim.messages.routed";

    @Inject
    MetricRegistry registry;

    private Counter routed;

    @PostConstruct
    void register() {
        routed = registry.counter(Metadata.builder().withName(ROUTED)
                .withDescription("Messages routed: sent by local users (to this ISP or forwarded to another) and "
                        + "arrived from other ISPs for local users").build());
    }

    public void routed() {
        routed.inc();
    }

    public long routedCount() {
        return routed.getCount();
    }
}
