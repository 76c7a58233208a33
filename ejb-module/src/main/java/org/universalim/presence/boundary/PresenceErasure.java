package org.universalim.presence.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.registration.boundary.AccountDeleted;
import org.universalim.presence.entity.DeliveryRules;


/**
 * Presence when an account goes (in the deletion's transaction): the user's devices, delivery rules, presence
 * history and availability alerts, and the alerts others set on the user.
 */
@ApplicationScoped
public class PresenceErasure {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    DeviceRegistry devices;

    @Inject
    DeliveryFacts facts;

    void accountDeleted(@Observes @Priority(AccountDeleted.ROSTER + 100) AccountDeleted deleted) {
        String user = deleted.userName();
        devices.devices(user).forEach(em::remove);
        DeliveryRules rules = em.find(DeliveryRules.class, user);
        if (rules != null) {
            em.remove(rules);
        }
        em.createQuery("DELETE FROM PresenceEvent e WHERE e.userName = :user").setParameter("user", user).executeUpdate();
        UserId universal = deleted.universal() ? deleted.universalAddress() : deleted.localAddress();
        em.createQuery("DELETE FROM AvailabilityAlert a WHERE a.watcher = :user OR a.target = :local OR a.target = :universal")
                .setParameter("user", user).setParameter("local", deleted.localAddress()).setParameter("universal", universal)
                .executeUpdate();
        facts.changing(user);
    }
}
