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

    /** Messages kept for one user's next log-on; beyond that senders are told the storage is full. */
    public int offlineMaxPerUser() {
        return offlineMaxPerUser;
    }

    public int historyPageMax() {
        return historyPageMax;
    }
}
