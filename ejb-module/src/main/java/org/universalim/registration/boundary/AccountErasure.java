package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.control.RegistrationSettings;
import org.universalim.registration.entity.RetiredName;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The steps of deleting an account ({@link AccountDeletion}), each its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AccountErasure {

    public static final String REASON = "account deleted";

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    UniversalRegistrar universal;

    @EJB
    Invitations invitations;

    @Inject
    IspSettings isp;

    @Inject
    RegistrationSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<AccountLocked> locked;

    @Inject
    Event<AccountDeleted> deleted;

    /**
     * Disables the account, and once that is committed logs off every session of it (on every node) but
     * {@code keepSession} (the one that asked, which is told and closed by its door).
     *
     * @return whether it was enabled before
     */
    public boolean lockOut(String userName, String keepSession) {
        Subscriber s = subscriber(userName, false);
        boolean wasEnabled = !s.isDisabled();
        s.disable();
        locked.fire(new AccountLocked(s.userName(), REASON, keepSession));
        return wasEnabled;
    }

    /**
     * Deletes the account and, through {@link AccountDeleted}, everything of it, in one transaction; keeps the name
     * from registration for {@code account.name.grace.days}.
     */
    public void erase(String userName) {
        Subscriber s = subscriber(userName, true);
        Instant now = clock.instant();
        String name = s.userName();
        UserId universalAddress = s.universalAddress(isp.ispDomain(), isp.marker());
        deleted.fire(new AccountDeleted(name, isp.localAddress(name), universalAddress, now));
        invitations.forgetOpenOf(name);
        universal.entry(name).ifPresent(em::remove);
        em.remove(s);
        RetiredName retired = em.find(RetiredName.class, name);
        if (retired == null) {
            em.persist(new RetiredName(name, now, now.plus(settings.nameGrace())));
        } else {
            retired.retire(now, now.plus(settings.nameGrace()));
        }
    }

    /** A deletion that failed: the account is enabled again, whole. */
    public void restore(String userName) {
        find(userName).ifPresent(Subscriber::enable);
    }

    private Subscriber subscriber(String userName, boolean lock) {
        var query = em.createNamedQuery(Subscriber.BY_NAME, Subscriber.class).setParameter("name", userName);
        if (lock) {
            // the sessions ending meanwhile write the user's devices under this same lock: one after the other
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst().orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
    }

    private Optional<Subscriber> find(String userName) {
        return em.createNamedQuery(Subscriber.BY_NAME, Subscriber.class).setParameter("name", userName)
                .getResultStream().findFirst();
    }
}
