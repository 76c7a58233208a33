package org.universalim.clientprotocol.xmpp.extension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.platform.ConflictException;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;

/** A contact the user may watch: who let the user see their presence (asked before availability windows and alerts, R7). */
@ApplicationScoped
public class WatchedContacts {

    @EJB
    PresenceAuthorization authorization;

    @EJB
    ContactAddresses addresses;

    /**
     * @throws ConflictException {@code not_authorized} (answered {@code forbidden}) when the contact did not let the user see them
     */
    public UserId requireAuthorized(String user, String contact) {
        UserId target = addresses.parse("jid", contact);
        if (!authorization.mayWatch(user, target)) {
            throw new ConflictException("not_authorized", contact + " has not let you see their presence: ask for it first");
        }
        return target;
    }
}
