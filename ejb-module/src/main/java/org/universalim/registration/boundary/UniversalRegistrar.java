package org.universalim.registration.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.ConflictException;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.RetiredName;
import org.universalim.registration.entity.Subscriber;
import org.universalim.registration.entity.UniversalEntry;
import org.universalim.address.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Universal IM server's part of registration (425, database 427): it validates that a USERID is
 * unique across the ISP's local and universal namespaces and assigns it (FIG. 5 step 515), and keeps
 * the directory of universal users.
 */
@Stateless
public class UniversalRegistrar {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /**
     * Checks that nobody holds the (normalised) name, locally or universally, and assigns the USERID.
     *
     * @return the USERID at the Local IM server, {@code name@isp-domain}
     * @throws ConflictException {@code name_taken} when the name is in use
     */
    public UserId assignUserId(String normalizedName) {
        long local = em.createNamedQuery(Subscriber.COUNT_BY_NAME, Long.class)
                .setParameter("name", normalizedName).getSingleResult();
        long universal = em.createNamedQuery(UniversalEntry.COUNT_BY_NAME, Long.class)
                .setParameter("name", normalizedName).getSingleResult();
        if (local + universal > 0) {
            throw new ConflictException("name_taken", "the name '" + normalizedName + "' is taken");
        }
        RetiredName retired = em.find(RetiredName.class, normalizedName);
        if (retired != null && retired.heldAt(clock.instant())) {
            // the name of a deleted account: its contacts, here and at other ISPs, still know it
            throw new ConflictException("name_taken", "the name '" + normalizedName + "' belonged to an account closed "
                    + "recently; it is free again from " + retired.reusableAt().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .toString().substring(0, 10));
        }
        return isp.localAddress(normalizedName);
    }

    /**
     * Enters a subscriber in the universal directory; nothing changes for one already there.
     *
     * @return whether the subscriber was new to the directory
     */
    public boolean enrol(Subscriber subscriber, Instant when) {
        if (entry(subscriber.userName()).isPresent()) {
            return false;
        }
        subscriber.becomeUniversal(when);
        em.persist(new UniversalEntry(subscriber, when));
        log.info(() -> "Universal IM server: enrolled " + isp.universalAddress(subscriber.userName()));
        return true;
    }

    public Optional<UniversalEntry> entry(String normalizedName) {
        return em.createNamedQuery(UniversalEntry.BY_NAME, UniversalEntry.class)
                .setParameter("name", normalizedName).getResultStream().findFirst();
    }
}
