package org.universalim.profile.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.roster.entity.RosterItem;

import java.util.ArrayList;
import java.util.List;

/** The users of other ISPs a user lets see their presence (their roster items with subscription from or both). */
@Stateless
public class ProfileWatchers {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    IspSettings isp;

    public List<UserId> foreignWatchersOf(String owner) {
        List<UserId> foreign = new ArrayList<>();
        for (RosterItem item : em.createNamedQuery(RosterItem.OF_OWNER, RosterItem.class).setParameter("owner", owner).getResultList()) {
            if (!item.subscription().contactSeesOwner()) {
                continue;
            }
            try {
                UserId contact = item.contact();
                if (!isp.isLocal(contact)) {
                    foreign.add(contact);
                }
            } catch (InvalidAddressException e) {
                // a contact that does not parse is nobody to tell
            }
        }
        return foreign;
    }
}
