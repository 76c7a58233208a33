package org.universalim.incontainer;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;

import java.time.Instant;
import java.util.List;

/** Roster rows written and read in transactions of their own, and their CONTACT column read and changed as text. */
@Stateless
public class StoredAddresses {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    public long add(String owner, UserId contact) {
        RosterItem item = new RosterItem(owner, contact, Instant.now());
        em.persist(item);
        em.flush();
        return item.id();
    }

    /** The CONTACT column as the database holds it. */
    public String storedContact(long id) {
        return (String) em.createNativeQuery("SELECT CONTACT FROM ROSTER_ITEM WHERE ID = ?").setParameter(1, id).getSingleResult();
    }

    /** Writes a text that is no address into the column, as a row of an older version might hold. */
    public void overwriteContact(long id, String text) {
        em.createNativeQuery("UPDATE ROSTER_ITEM SET CONTACT = ? WHERE ID = ?").setParameter(1, text).setParameter(2, id)
                .executeUpdate();
    }

    public List<RosterItem> of(String owner) {
        return em.createNamedQuery(RosterItem.OF_OWNER, RosterItem.class).setParameter("owner", owner).getResultList();
    }

    public List<RosterItem> byContact(String owner, UserId contact) {
        return em.createNamedQuery(RosterItem.BY_CONTACT, RosterItem.class).setParameter("owner", owner)
                .setParameter("contact", contact).getResultList();
    }

    public void removeAll(String owner) {
        of(owner).forEach(em::remove);
    }
}
