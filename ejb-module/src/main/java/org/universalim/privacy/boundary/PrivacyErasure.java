package org.universalim.privacy.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.privacy.entity.BlockedAddress;
import org.universalim.privacy.entity.PrivacyChoice;
import org.universalim.registration.boundary.AccountDeleted;

/** A user's block list and privacy choice go with the account (in the deletion's transaction). */
@ApplicationScoped
public class PrivacyErasure {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    PrivacyGate gate;

    void accountDeleted(@Observes @Priority(AccountDeleted.ROSTER + 100) AccountDeleted deleted) {
        em.createNamedQuery(BlockedAddress.DELETE_OF_OWNER).setParameter("owner", deleted.userName()).executeUpdate();
        em.createNamedQuery(PrivacyChoice.DELETE_OF_USER).setParameter("user", deleted.userName()).executeUpdate();
        gate.changing(deleted.userName());
    }
}
