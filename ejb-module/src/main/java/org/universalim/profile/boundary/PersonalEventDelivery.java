package org.universalim.profile.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.profile.entity.AccessModel;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.Delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is told of what happens on a personal event node (XEP-0163 section 4.3), once it is committed: the owner's
 * devices, and, unless the node is the owner's alone (whitelist), everyone the owner lets see their presence:
 * users of this ISP through the routing core, users of other ISPs through their ISP ({@link ProfilePeers}).
 * Each XMPP connection then passes it on only if its resource asked for the node ({@code +notify}). Events of
 * other ISPs' users arrive here too ({@link #arrived}).
 */
@ApplicationScoped
public class PersonalEventDelivery {

    @Inject
    ClientNotifier notifier;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    ContactAddresses addresses;

    @EJB
    ProfileWatchers watchers;

    @Inject
    ProfilePeers peers;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    void published(@Observes(during = TransactionPhase.AFTER_SUCCESS) PersonalEventPublished published) {
        String owner = published.owner();
        try {
            List<String> local = new ArrayList<>();
            local.add(owner);
            List<UserId> foreign = List.of();
            if (published.access() != AccessModel.WHITELIST) {
                local.addAll(authorization.localWatchersOf(owner, isp.localAddress(owner)));
                foreign = watchers.foreignWatchersOf(owner);
            }
            UserId from = addresses.shownUser(owner);
            notifier.push(local, delivery(from.toString(), published.event()));
            if (!foreign.isEmpty()) {
                peers.notify(from, published.event(), foreign);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "personal event of " + owner + " on " + published.event().node() + " not passed on", e);
        }
    }

    /**
     * An event on a node of a user of another ISP, for users of ours that see that user's presence (the others
     * named are left out).
     *
     * @return how many of the users named were told
     */
    public int arrived(UserId publisher, PersonalEvent event, Collection<String> recipients) {
        List<String> told = recipients.stream().distinct().filter(user -> authorization.mayWatch(user, publisher)).toList();
        if (!told.isEmpty()) {
            notifier.push(told, delivery(publisher.toString(), event));
        }
        return told.size();
    }

    static Delivery.PersonalEvent delivery(String from, PersonalEvent event) {
        return new Delivery.PersonalEvent(from, event.node(), event.kind().name().toLowerCase(Locale.ROOT), event.itemId(),
                event.payload());
    }
}
