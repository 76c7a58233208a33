package org.universalim.platform;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Figures about this server for health checks and the admin console. */
@Stateless
public class SystemStatus {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    public long subscriberCount() {
        return em.createQuery("SELECT COUNT(s) FROM Subscriber s", Long.class).getSingleResult();
    }
}
