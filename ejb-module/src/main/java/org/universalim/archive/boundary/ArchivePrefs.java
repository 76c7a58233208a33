package org.universalim.archive.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.archive.entity.ArchivePreferences;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;

import java.util.List;
import java.util.Optional;

/** A user's archiving preferences (XEP-0313 section 7), kept with the account. */
@Stateless
public class ArchivePrefs {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    /** The user's preferences, if ever set. */
    public Optional<ArchivePreferences> find(String user) {
        return Optional.ofNullable(em.find(ArchivePreferences.class, user));
    }

    /**
     * Replaces the user's preferences.
     *
     * @param always addresses' keys (see {@link MessageArchive#keys})
     */
    public ArchivePreferences save(String user, ArchivePreferences.Mode mode, List<String> always, List<String> never) {
        Subscriber owner = registrar.find(user).orElseThrow(() -> new NotFoundException("no user " + user));
        ArchivePreferences p = em.find(ArchivePreferences.class, user);
        if (p == null) {
            p = new ArchivePreferences(user, owner.id());
            em.persist(p);
        }
        try {
            p.replace(mode, always, never);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("prefs", e.getMessage());
        }
        return p;
    }
}
