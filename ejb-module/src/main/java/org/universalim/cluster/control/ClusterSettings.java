package org.universalim.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.platform.IspSettings;

import java.time.Duration;
import java.util.Optional;

/** Settings of the nodes of one ISP (R12). */
@ApplicationScoped
public class ClusterSettings {

    @Inject
    @ConfigProperty(name = "node.internal.url")
    Optional<String> internalUrl;

    @Inject
    @ConfigProperty(name = "node.heartbeat.seconds", defaultValue = "2")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "node.dead.seconds", defaultValue = "10")
    int deadSeconds;

    @Inject
    @ConfigProperty(name = "federation.port", defaultValue = "9543")
    int federationPort;

    @Inject
    IspSettings isp;

    /**
     * Where the other nodes reach this one: its federation endpoint (mutual TLS with the ISP's own
     * certificate), {@code https://<isp domain>:<federation port>} unless set.
     */
    public String internalUrl() {
        return internalUrl.filter(s -> !s.isBlank()).map(s -> s.replaceAll("/+$", ""))
                .orElse("https://" + isp.ispDomain() + ":" + federationPort);
    }

    public Duration heartbeat() {
        return Duration.ofSeconds(Math.max(1, heartbeatSeconds));
    }

    /** A node silent this long is dead; also how long the lease on the ISP-wide work lasts. */
    public Duration deadAfter() {
        return Duration.ofSeconds(Math.max(3L * Math.max(1, heartbeatSeconds), deadSeconds));
    }
}
