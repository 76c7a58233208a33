package org.universalim.platform.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.universalim.platform.SystemStatus;
import org.universalim.platform.IspSettings;

import jakarta.inject.Inject;

/** Ready when the database answers through the persistence unit. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @EJB
    SystemStatus status;

    @Inject
    IspSettings isp;

    @Override
    public HealthCheckResponse call() {
        try {
            long users = status.subscriberCount();
            return HealthCheckResponse.named("database").up()
                    .withData("isp", isp.ispDomain())
                    .withData("universalDomain", isp.universalDomain())
                    .withData("node", isp.nodeName())
                    .withData("subscribers", users)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
