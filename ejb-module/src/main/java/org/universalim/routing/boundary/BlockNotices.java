package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.privacy.boundary.BlockChanged;
import org.universalim.privacy.control.BlockSet;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.boundary.RosterService;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A block made or lifted shows at once on the devices concerned (as XEP-0191 has the server send unavailable
 * presence): the owner's devices show the blocked contacts offline (or their presence again), and a user of this
 * ISP who was blocked sees the owner offline (or again as they are). A blocked user of another ISP keeps what their
 * ISP last heard and gets no later change from us (their ISP is not told of the block).
 */
@ApplicationScoped
public class BlockNotices {

    @EJB
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    PresenceDirectory directory;

    @Inject
    ClientNotifier notifier;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) BlockChanged change) {
        try {
            notifier.push(change.owner(), new Delivery.BlockUpdate(change.address(), change.blocked()));
            BlockSet entry = BlockSet.of(List.of(change.address()), isp.marker());
            for (RosterEntry contact : roster.roster(change.owner())) {
                if (entry.blocks(UserId.parse(contact.contact())) && contact.subscription().seesContact()) {
                    notifier.push(change.owner(), new Delivery.Presence(contact.presence() != null ? contact.presence()
                            : UserPresence.offline(contact.contact(), contact.universal())));
                }
            }
            if (!BlockSet.isDomain(change.address())) {
                theirView(change.owner(), UserId.parse(change.address()), change.blocked());
            }
        } catch (RuntimeException e) {
            log.log(Level.FINE, "the block of " + change.address() + " by " + change.owner() + " not shown at once", e);
        }
    }

    /** What a blocked (or unblocked) user of this ISP sees of the owner now. */
    private void theirView(String owner, UserId blocked, boolean nowBlocked) {
        Subscriber other;
        try {
            other = addresses.localUser(blocked).orElse(null);
        } catch (InvalidAddressException e) {
            return;
        }
        if (other == null || !authorization.granted(other.userName(), isp.localAddress(owner))) {
            return;
        }
        UserPresence real = directory.presence(owner);
        boolean sees = !nowBlocked && authorization.mayWatch(other.userName(), isp.localAddress(owner));
        notifier.push(other.userName(), new Delivery.Presence(sees ? real : real.asOffline()));
    }
}
