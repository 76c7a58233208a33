package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.platform.IspSettings;
import org.universalim.roster.boundary.PresenceAuthorization;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * IQs from resources of our users to resources of another ISP's users, and the answers to theirs (the optional
 * operation {@code iq}, queued in the peer's ordered outbox): only between users one of whom lets the other see their
 * presence, only to a peer that lists the capability (an XMPP server takes them as {@code <iq/>} stanzas over s2s,
 * {@link XmppRelay}), and only with children the receiver will read (bounded).
 */
@ApplicationScoped
public class IqGateway {

    @EJB
    PeerDirectory peers;

    @EJB
    FederationOutbox outbox;

    @EJB
    PresenceAuthorization authorization;

    @Inject
    PeerCapabilities capabilities;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    /**
     * Queues the IQ for the recipient's ISP.
     *
     * @param children the IQ's child elements as XML (at most two)
     * @return false when it cannot go (no such peer, the peer does not take IQs, no subscription, children refused)
     */
    public boolean forward(String senderUser, String senderResource, UserId to, String toResource, String type, String id,
                           List<String> children) {
        Optional<Peer> peer = peers.forAddress(to).filter(p -> p.universalDomain().equals(to.domain()));
        if (peer.isEmpty() || !peer.get().isXmppServer() && !capabilities.offers(peer.get(), Operation.IQ) || children.size() > 2 || id == null
                || id.isEmpty() || id.length() > 256 || toResource.length() > 1023 || senderResource.length() > 1023) {
            return false;
        }
        if (!authorization.mayWatch(senderUser, to) && !authorization.letsSee(senderUser, to)) {
            return false;
        }
        IqForward iq = new IqForward();
        iq.from = isp.universalAddress(senderUser).toString();
        iq.fromResource = senderResource;
        iq.to = to.toString();
        iq.toResource = toResource;
        iq.type = type;
        iq.id = id;
        try {
            for (String child : children) {
                iq.payloads.add(new PayloadInfo(ForeignXml.element(child, InboundIqs.PAYLOAD_MAX_BYTES, InboundIqs.PAYLOAD_MAX_DEPTH)));
            }
        } catch (ForeignXml.Refused e) {
            log.fine(() -> "federation: an iq of " + senderUser + " not forwarded: " + e.getMessage());
            return false;
        }
        outbox.enqueue(peer.get().domain(), Operation.IQ, iq, iq.from + "/" + senderResource, null);
        return true;
    }
}
