package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;

/** Whether a user may learn about another user's account (disco): themselves, or a user of this ISP who lets them see their presence. */
@ApplicationScoped
public class AccountVisibility {

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    public boolean visible(String user, Jid account) {
        UserId id = account.userId();
        return addresses.localUser(id).isPresent() && authorization.mayWatch(user, id);
    }
}
