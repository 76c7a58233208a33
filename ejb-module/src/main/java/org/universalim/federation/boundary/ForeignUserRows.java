package org.universalim.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.entity.ForeignUser;

import java.time.Clock;

/**
 * The row of a foreign user that local users track, made sure of in a transaction of its own: many local
 * users asking for the same foreign user at once (a popular contact) then contend on one short
 * transaction that {@link ForeignUsers} retries, not on their whole requests.
 */
@Stateless
public class ForeignUserRows {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    Clock clock;

    /** The foreign user exists and is tracked; writes nothing when that is so already. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void tracked(String address, String ispDomain) {
        ForeignUser user = em.find(ForeignUser.class, address);
        if (user == null) {
            user = new ForeignUser(address, ispDomain, clock.instant());
            em.persist(user);
        } else if (user.isTracked()) {
            return;
        }
        user.tracked(true, clock.instant());
        em.flush();
    }
}
