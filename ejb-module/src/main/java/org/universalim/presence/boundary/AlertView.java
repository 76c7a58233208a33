package org.universalim.presence.boundary;

import org.universalim.presence.entity.AvailabilityAlert;

import java.time.Instant;

/** An availability alert as its watcher sees it. */
public record AlertView(long id, String contact, Instant from, Instant until, AvailabilityAlert.State state,
                        Instant createdAt, Instant firedAt, String firedDevice) {

    static AlertView of(AvailabilityAlert a) {
        return new AlertView(a.id(), a.target().toString(), a.notBefore(), a.expiresAt(), a.state(), a.createdAt(), a.firedAt(),
                a.firedDevice());
    }
}
