package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.roster.entity.RosterItem;

/**
 * A roster item as the owner's client sees it (R5): the contact as shown, name, groups, subscription, the
 * universal flag, and the contact's presence when the owner may see it (of this ISP from the directory, of
 * another ISP as last told by its ISP).
 */
@ApplicationScoped
public class RosterEntries {

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceDirectory directory;

    @Inject
    ForeignSubscriptions foreign;

    @Inject
    IspSettings isp;

    @Inject
    PrivacyGate privacy;

    public RosterEntry of(RosterItem item, boolean withPresence) {
        UserId key = item.contact();
        boolean sameIsp = isp.isLocal(key);
        UserPresence presence = null;
        if (withPresence && item.subscription().seesContact()) {
            presence = sameIsp ? addresses.localUser(key).map(s -> privacy.apart(item.owner(), s.userName())
                            ? directory.presence(s.userName()).asOffline() : directory.presence(s.userName())).orElse(null)
                    : privacy.blocks(item.owner(), key) ? UserPresence.offline(key.toString(), key.isUniversal(isp.marker()))
                    : foreign.presence(key).orElse(null);
        }
        return new RosterEntry(addresses.display(item.contact()), item.name(), item.groups(), item.subscription(),
                item.asking(), addresses.isUniversal(item.contact()), sameIsp, presence);
    }
}
