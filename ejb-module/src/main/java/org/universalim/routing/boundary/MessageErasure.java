package org.universalim.routing.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.registration.boundary.KnownSubscribers;
import org.universalim.platform.TransactionEnd;
import org.universalim.registration.boundary.AccountDeleted;
import org.universalim.routing.control.OfflineBox;

/**
 * Messages and sessions when an account goes (in the deletion's transaction): the user's history both ways and
 * the messages waiting for them, their rows in the table of users to nodes, and what routing keeps of them in
 * memory.
 */
@ApplicationScoped
public class MessageErasure {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    OfflineBox box;

    @Inject
    KnownSubscribers known;

    @Inject
    TransactionEnd transactionEnd;

    void accountDeleted(@Observes @Priority(AccountDeleted.ROSTER + 100) AccountDeleted deleted) {
        String user = deleted.userName();
        box.forget(user);
        em.createQuery("DELETE FROM SessionRoute r WHERE r.userName = :user").setParameter("user", user).executeUpdate();
        transactionEnd.nowAndAfter(() -> known.forget(user));
    }
}
