package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.control.Unavailability;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Connection requests (FIG. 6, R8): a user asks for an IM session with a contact. The answer carries the
 * contact's routing and presence information and either "established" or "not available" with the
 * reason and the contact's availability windows and devices (R7). Only a contact who lets the user see
 * their presence is described; others get "not authorized".
 */
@Stateless
public class ConnectionRequests {

    @Inject
    Router router;

    @EJB
    PresenceRules rules;

    @EJB
    PresenceDirectory directory;

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    ContactAddresses addresses;

    @Inject
    SessionRegistry sessions;

    @Inject
    Instance<FederationPort> federation;

    @Inject
    IspSettings isp;

    @Inject
    PrivacyGate privacy;

    public CompletionStage<ConnectionAnswer> connect(String userName, String contactText) {
        UserId contact;
        try {
            contact = UserId.parse(contactText);
        } catch (InvalidAddressException e) {
            throw new InvalidRequestException("contact", e.getMessage());
        }
        Router.Routing routing = router.route(contact);
        switch (routing.route()) {
            case UNKNOWN -> {
                return done(ConnectionAnswer.failed(contact.toString(), "unknown_recipient", "there is no user " + contact));
            }
            case FOREIGN -> {
                if (!contact.isUniversal(isp.marker())) {
                    return done(ConnectionAnswer.failed(contact.toString(), "not_universal", contact
                            + " is not a universal user: users of other ISPs can only reach universal users"));
                }
                if (!authorization.granted(userName, contact)) {
                    return done(notAuthorized(contact));
                }
                if (privacy.blocks(userName, contact)) {
                    return done(youBlock(contact));
                }
                return federation.get().connect(userName, addresses.shownUser(userName), contact);
            }
            default -> {
                if (!authorization.granted(userName, contact)) {
                    return done(notAuthorized(contact));
                }
                if (privacy.blocks(userName, contact)) {
                    return done(youBlock(contact));
                }
                if (privacy.blocks(routing.userName(), isp.localAddress(userName))) {
                    return done(blockedBy(routing.userName()));
                }
                return done(local(routing, contact));
            }
        }
    }

    /** The answer about a local user, for a requester who may see them (a local one, or one of another ISP). */
    public ConnectionAnswer describe(String contactUser) {
        return local(router.route(isp.localAddress(contactUser)), isp.localAddress(contactUser));
    }

    private ConnectionAnswer local(Router.Routing routing, UserId contact) {
        String user = routing.userName();
        UserPresence presence = directory.presence(user);
        DeliveryPlan plan = rules.plan(user, MessageRequirements.text(), List.of());
        String node = routing.decision().node();
        if (plan.deliverable()) {
            for (String device : plan.candidates()) {
                if (sessions.session(user, device).isPresent() || node != null && !node.equals(isp.nodeName())) {
                    return ConnectionAnswer.established(presence.address(),
                            new ConnectionAnswer.Route(isp.ispDomain(), node, device), presence);
                }
            }
        }
        String reason = plan.deliverable() ? "NO_DEVICE_ONLINE" : plan.reason().name();
        String explanation = plan.deliverable() ? presence.address() + " has no device connected"
                : plan.reason().explain(presence.address());
        return ConnectionAnswer.notAvailable(presence.address(), new ConnectionAnswer.Route(isp.ispDomain(), null, null),
                presence, reason, explanation, indicator.availability(user));
    }

    /**
     * The answer to a requester the contact blocks: "not available", as if every device of the contact were offline,
     * without their devices or windows (the requester must not learn of the block).
     */
    public ConnectionAnswer blockedBy(String contactUser) {
        UserPresence offline = directory.presence(contactUser).asOffline();
        AvailabilityView usual = indicator.availability(contactUser);
        AvailabilityView windowsOnly = new AvailabilityView(usual.address(), usual.timeZone(), usual.weeks(), usual.threshold(),
                DeviceState.OFFLINE, usual.devices());
        return ConnectionAnswer.notAvailable(offline.address(), new ConnectionAnswer.Route(isp.ispDomain(), null, null), offline,
                Unavailability.NO_DEVICE_ONLINE.name(), Unavailability.NO_DEVICE_ONLINE.explain(offline.address()), windowsOnly);
    }

    private static ConnectionAnswer youBlock(UserId contact) {
        return ConnectionAnswer.failed(contact.toString(), MessageAdmission.BLOCKED, "you block " + contact
                + ": unblock them to reach them");
    }

    private static ConnectionAnswer notAuthorized(UserId contact) {
        return ConnectionAnswer.failed(contact.toString(), "not_authorized",
                contact + " has not let you see their presence: ask for it first");
    }

    private static CompletionStage<ConnectionAnswer> done(ConnectionAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
