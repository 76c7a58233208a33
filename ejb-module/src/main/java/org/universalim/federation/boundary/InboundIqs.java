package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;
import org.universalim.routing.boundary.SessionRegistry;
import org.universalim.routing.control.UniversalMessageFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IQs from resources of a peer's users to resources of ours, and their answers (the optional operation {@code iq}):
 * passed to the resource when one of the two users lets the other see their presence and the resource is connected to
 * this node; a get or set that cannot be passed on is answered with a {@code service-unavailable} error the same way
 * back. Payloads are bounded and read with the hardened reader.
 */
@Stateless
public class InboundIqs {

    /** The most bytes and the deepest nesting of one child element of a forwarded IQ. */
    static final int PAYLOAD_MAX_BYTES = 60_000;
    static final int PAYLOAD_MAX_DEPTH = 16;

    @Inject
    InboundAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    FederationOutbox outbox;

    @Inject
    SessionRegistry sessions;

    @Inject
    ClientNotifier notifier;

    @Inject
    IspSettings isp;

    public Ack iq(Peer peer, IqForward iq) {
        UserId from = addresses.own(peer, iq.from, "from");
        List<String> payloads = new ArrayList<>();
        for (PayloadInfo p : iq.payloads) {
            if (p.element == null) {
                continue;
            }
            try {
                payloads.add(ForeignXml.text(p.element, PAYLOAD_MAX_BYTES, PAYLOAD_MAX_DEPTH));
            } catch (ForeignXml.Refused refused) {
                throw FederationRefusal.invalid("a child of iq " + iq.id + ": " + refused.getMessage());
            }
        }
        boolean request = "get".equals(iq.type) || "set".equals(iq.type);
        Optional<Subscriber> user = addresses.ours(iq.to).filter(u -> authorization.mayWatch(u.userName(), from)
                || authorization.letsSee(u.userName(), from));
        if (user.isPresent()) {
            String to = isp.universalAddress(user.get().userName()) + "/" + iq.toResource;
            Delivery.Stanza stanza = new Delivery.Stanza(iq.toResource, stanza(iq, from + "/" + iq.fromResource, to, payloads));
            Optional<ClientSession> session = sessions.session(user.get().userName(), iq.toResource)
                    .filter(s -> s.protocol() == Protocol.XMPP);
            // connected here, or to another node of this ISP, which passes it on
            if (session.isPresent() ? session.get().deliver(stanza) : notifier.toDeviceElsewhere(user.get().userName(), stanza)) {
                return new Ack(iq.transactionId, 1);
            }
        }
        if (request) {
            outbox.enqueue(peer.domain(), Operation.IQ, unavailable(iq), iq.to, null);
        }
        return new Ack(iq.transactionId, 0);
    }

    /** The IQ as the resource reads it. */
    static String stanza(IqForward iq, String from, String to, List<String> payloads) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<iq xmlns=\"jabber:client\" type=\"").append(UniversalMessageFormat.escape(iq.type)).append("\" id=\"")
                .append(UniversalMessageFormat.escape(iq.id)).append("\" from=\"").append(UniversalMessageFormat.escape(from))
                .append("\" to=\"").append(UniversalMessageFormat.escape(to)).append("\">");
        payloads.forEach(xml::append);
        return xml.append("</iq>").toString();
    }

    /** The {@code service-unavailable} error answering a get or set (RFC 6121 8.5.3.2.1), the same whatever the reason. */
    static IqForward unavailable(IqForward asked) {
        IqForward error = new IqForward();
        error.from = asked.to;
        error.fromResource = asked.toResource;
        error.to = asked.from;
        error.toResource = asked.fromResource;
        error.type = "error";
        error.id = asked.id;
        try {
            error.payloads.add(new PayloadInfo(ForeignXml.element("<error xmlns=\"jabber:client\" type=\"cancel\">"
                    + "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error>", 1_000, 4)));
        } catch (ForeignXml.Refused e) {
            throw new IllegalStateException(e);
        }
        return error;
    }
}
