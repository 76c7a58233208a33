package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.AvailabilityQuery;
import org.universalim.federation.wire.AvailabilityResponse;
import org.universalim.federation.wire.ConnectionRequestMessage;
import org.universalim.federation.wire.ConnectionResponse;
import org.universalim.federation.wire.RouteInfo;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;
import org.universalim.federation.wire.Wire;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ConnectionAnswer;
import org.universalim.routing.boundary.ConnectionRequests;

import java.time.Clock;
import java.util.Optional;

/**
 * What peers ask to be answered at once: a connection request for one of our users (FIG. 6 steps 645-650,
 * R8: established with the route, or not available with the windows, R7), a user's availability (R7) and
 * our status. Only a user who lets the requester see their presence is described.
 */
@Stateless
public class InboundQueries {

    @Inject
    InboundAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    ConnectionRequests connections;

    @Inject
    IspSettings isp;

    @Inject
    PrivacyGate privacy;

    @Inject
    Clock clock;

    public ConnectionResponse connect(Peer peer, ConnectionRequestMessage r) {
        UserId requester = addresses.own(peer, r.requester, "requester");
        ConnectionResponse answer = new ConnectionResponse();
        answer.transactionId = r.transactionId;
        answer.contact = r.contact;
        Optional<Subscriber> contact = addresses.ours(r.contact);
        if (contact.isEmpty()) {
            answer.status = ConnectionAnswer.FAILED;
            answer.code = "unknown_recipient";
            answer.explanation = "there is no universal user " + r.contact;
            return answer;
        }
        if (!authorization.lets(contact.get().userName(), requester)) {
            answer.status = ConnectionAnswer.FAILED;
            answer.code = "not_authorized";
            answer.explanation = r.contact + " has not let you see their presence: ask for it first";
            return answer;
        }
        // a requester the contact blocks hears "not available", as if the contact were offline
        ConnectionAnswer local = privacy.blocks(contact.get().userName(), requester)
                ? connections.blockedBy(contact.get().userName()) : connections.describe(contact.get().userName());
        answer.status = local.status();
        answer.reason = local.reason();
        answer.explanation = local.explanation() == null || local.explanation().length() <= 500 ? local.explanation()
                : local.explanation().substring(0, 500);
        if (local.route() != null) {
            answer.route = new RouteInfo();
            answer.route.isp = isp.ispDomain();
            answer.route.node = local.route().node();
            answer.route.device = local.route().device();
        }
        if (local.presence() != null) {
            answer.presence = WireMapping.toWire(local.presence());
        }
        if (local.availability() != null) {
            answer.availability = WireMapping.toWire(local.availability());
        }
        return answer;
    }

    public AvailabilityResponse availability(Peer peer, AvailabilityQuery r) {
        UserId requester = addresses.own(peer, r.requester, "requester");
        AvailabilityResponse answer = new AvailabilityResponse();
        answer.transactionId = r.transactionId;
        Optional<Subscriber> contact = addresses.ours(r.contact);
        if (contact.isEmpty()) {
            answer.status = "unknown";
        } else if (!authorization.letsSee(contact.get().userName(), requester)) {
            answer.status = "not_authorized";
        } else {
            answer.status = "ok";
            answer.availability = WireMapping.toWire(indicator.availability(contact.get().userName()));
        }
        return answer;
    }

    public StatusResponse status(Peer peer, StatusRequest r) {
        StatusResponse answer = new StatusResponse();
        answer.domain = isp.ispDomain();
        answer.universalDomain = isp.universalDomain();
        answer.node = isp.nodeName();
        answer.version = Wire.VERSION;
        answer.time = clock.instant();
        answer.peer = peer.domain();
        if (Boolean.TRUE.equals(r.capabilities)) {
            answer.capabilities.addAll(PeerCapabilities.ours());
        }
        return answer;
    }
}
