package org.universalim.routing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of message routing (server.xml variables). */
@ApplicationScoped
public class RoutingSettings {

    @Inject
    @ConfigProperty(name = "offline.max.per.user", defaultValue = "1000")
    int offlineMaxPerUser;

    @Inject
    @ConfigProperty(name = "history.page.max", defaultValue = "200")
    int historyPageMax;

    @Inject
    @ConfigProperty(name = "message.client.id.window.seconds", defaultValue = "86400")
    long clientIdWindowSeconds;

    /**
     * How long a client id is remembered: a resend with the same client id from the same account within this time
     * of the first send is that message; after it, it is a new message.
     */
    public java.time.Duration clientIdWindow() {
        return java.time.Duration.ofSeconds(Math.max(60, clientIdWindowSeconds));
    }

    /** Messages kept for one user's next log-on; beyond that senders are told the storage is full. */
    public int offlineMaxPerUser() {
        return offlineMaxPerUser;
    }

    public int historyPageMax() {
        return historyPageMax;
    }
}
