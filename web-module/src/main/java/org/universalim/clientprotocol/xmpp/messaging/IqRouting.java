package org.universalim.clientprotocol.xmpp.messaging;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.clientprotocol.xmpp.profile.XmlCopy;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.Optional;

/**
 * IQs between users' full JIDs (RFC 6121 section 8.5.3): a get or set a resource addresses to another resource, and
 * the result or error answering it, are passed to that resource with the sender's full JID, so clients can ask each
 * other (software version, entity capabilities, Jingle). Only between the resources of one user, or of two users of
 * this ISP one of whom lets the other see their presence; otherwise, or when no such resource is connected to this
 * node, a get or set is answered {@code service-unavailable} (the same answer in every case, telling nothing) and a
 * result or error is dropped. Users of other ISPs: not routed (the federation contract has no IQ operation).
 */
@ApplicationScoped
public class IqRouting {

    @Inject
    SessionRegistry sessions;

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @Inject
    IspSettings isp;

    /** Whether an IQ is addressed to a resource of a user (a full JID), and so routed here. */
    public static boolean addressedToResource(Jid to) {
        return to != null && !to.isDomain() && !to.isBare();
    }

    /** Passes the IQ to the resource {@code to}, or answers a get or set {@code service-unavailable}. */
    public void route(XmppSession session, XmlElement iq, Jid to) {
        boolean request = "get".equals(iq.attribute("type")) || "set".equals(iq.attribute("type"));
        Optional<XmppSession> target = target(session, to);
        if (target.isEmpty()) {
            if (request) {
                Replies.error(session, iq, StanzaError.serviceUnavailable(null));
            }
            return;
        }
        Xml copy = Xml.element("iq", Namespaces.CLIENT).attr("type", iq.attribute("type")).attr("id", iq.attribute("id"))
                .attr("from", session.jid()).attr("to", target.get().jid());
        for (XmlElement child : iq.children()) {
            copy.raw(XmlCopy.of(child));
        }
        if (!target.get().send(copy.toString()) && request) {
            Replies.error(session, iq, StanzaError.serviceUnavailable(null));
        }
    }

    private Optional<XmppSession> target(XmppSession session, Jid to) {
        if (!to.domain().equals(session.domain())) {
            return Optional.empty();
        }
        UserId address = to.userId();
        Optional<Subscriber> user = addresses.localUser(address);
        if (user.isEmpty() || !user.get().isUniversal()) {
            return Optional.empty();
        }
        String targetUser = user.get().userName();
        Optional<ClientSession> found = sessions.session(targetUser, to.resource());
        if (found.isEmpty() || !(found.get() instanceof XmppSession xmpp) || xmpp.jid() == null
                || !xmpp.jid().equals(to)) {
            return Optional.empty();
        }
        boolean sameUser = targetUser.equals(session.userName());
        if (!sameUser && !authorization.mayWatch(session.userName(), address)
                && !authorization.mayWatch(targetUser, session.jid().bare().userId())) {
            return Optional.empty();
        }
        return Optional.of(xmpp);
    }
}
