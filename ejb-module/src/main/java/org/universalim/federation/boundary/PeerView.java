package org.universalim.federation.boundary;

import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.PeerHealth;
import org.universalim.federation.entity.Transport;

import java.time.Instant;
import java.util.List;

/** A configured peer with its health: reachable or not, last error, and what waits in its outbox. */
public record PeerView(String domain, String universalDomain, String baseUrl, List<String> baseUrls, Transport transport, String certificateSha256,
                       boolean enabled, boolean announceAll, Long deadlineSeconds, boolean reachable, Instant lastSuccessAt,
                       Instant lastFailureAt, String lastError, long outboxDepth) {

    public static PeerView of(Peer p, PeerHealth health, long depth) {
        return new PeerView(p.domain(), p.universalDomain(), p.baseUrl(), p.baseUrls(), p.transport(), p.certificateSha256(), p.enabled(),
                p.announceAll(), p.deadlineSeconds(), health == null || health.reachable(), health == null ? null : health.lastSuccessAt(),
                health == null ? null : health.lastFailureAt(), health == null ? null : health.lastError(), depth);
    }
}
