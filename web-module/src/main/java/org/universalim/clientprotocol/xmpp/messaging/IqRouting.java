package org.universalim.clientprotocol.xmpp.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import org.universalim.federation.boundary.IqGateway;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * IQs between users' full JIDs (RFC 6121 section 8.5.3): a get or set a resource addresses to another resource, and
 * the result or error answering it, are passed to that resource with the sender's full JID, so clients can ask each
 * other (software version, entity capabilities, Jingle). Only between the resources of one user, or of two users of
 * this ISP one of whom lets the other see their presence, on this node or on another node of this ISP (which passes it
 * on); otherwise, or when no such resource is connected, a get or set is answered {@code service-unavailable} (the same answer in every case, telling nothing) and a
 * result or error is dropped. To a resource of another ISP's user the IQ goes through the federation contract's
 * optional {@code iq} operation ({@link IqGateway}), under the same rule; that ISP answers a get or set it cannot pass on
 * with {@code service-unavailable} the same way back.
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

    @Inject
    IqGateway federation;

    @Inject
    ClientNotifier notifier;

    @Resource
    ManagedExecutorService executor;

    static final int AT_ONCE = 32;
    private final Semaphore slots = new Semaphore(AT_ONCE);

    /** Whether an IQ is addressed to a resource of a user (a full JID), and so routed here. */
    public static boolean addressedToResource(Jid to) {
        return to != null && !to.isDomain() && !to.isBare();
    }

    /** Passes the IQ to the resource {@code to}, or answers a get or set {@code service-unavailable}. */
    public void route(XmppSession session, XmlElement iq, Jid to) {
        boolean request = "get".equals(iq.attribute("type")) || "set".equals(iq.attribute("type"));
        if (!to.domain().equals(session.domain()) && !to.domain().equals(isp.ispDomain())) {
            forward(session, iq, to, request);
            return;
        }
        Optional<String> targetUser = allowedUser(session, to);
        Optional<XmppSession> target = targetUser.flatMap(user -> sessionHere(user, to));
        boolean passed;
        if (target.isPresent()) {
            passed = target.get().send(copy(session, iq, target.get().jid()));
        } else {
            // the resource may be connected to another node of this ISP: that node passes it on
            passed = targetUser.isPresent() && notifier.toDeviceElsewhere(targetUser.get(),
                    new Delivery.Stanza(to.resource(), copy(session, iq, to)));
        }
        if (!passed && request) {
            Replies.error(session, iq, StanzaError.serviceUnavailable(null));
        }
    }

    /** The IQ as the addressed resource reads it: from the sender's full JID. */
    private static String copy(XmppSession session, XmlElement iq, Jid to) {
        Xml copy = Xml.element("iq", Namespaces.CLIENT).attr("type", iq.attribute("type")).attr("id", iq.attribute("id"))
                .attr("from", session.jid()).attr("to", to);
        for (XmlElement child : iq.children()) {
            copy.raw(XmlCopy.of(child));
        }
        return copy.toString();
    }

    /**
     * To a resource of another ISP's user, off the client's thread (finding out whether the peer takes IQs may ask it):
     * at most {@value #AT_ONCE} under way on this node, beyond that a get or set is told to wait.
     */
    private void forward(XmppSession session, XmlElement iq, Jid to, boolean request) {
        List<String> children = iq.children().stream().map(XmlCopy::of).toList();
        if (!slots.tryAcquire()) {
            if (request) {
                Replies.error(session, iq, new StanzaError("wait", "resource-constraint", "too many IQs to other ISPs under way: try again"));
            }
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    if (!federation.forward(session.userName(), session.device(), to.userId(), to.resource(), iq.attribute("type"),
                            iq.attribute("id"), children) && request) {
                        Replies.error(session, iq, StanzaError.serviceUnavailable(null));
                    }
                } catch (RuntimeException e) {
                    if (request) {
                        Replies.error(session, iq, Replies.failure(e));
                    }
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            if (request) {
                Replies.error(session, iq, new StanzaError("wait", "resource-constraint", "the server is busy: try again"));
            }
        }
    }

    /**
     * The local user whose resource the IQ may reach: a universal user of this ISP who is the sender, or one of whom
     * either lets the other see their presence.
     */
    private Optional<String> allowedUser(XmppSession session, Jid to) {
        if (!to.domain().equals(session.domain())) {
            return Optional.empty();
        }
        UserId address = to.userId();
        Optional<Subscriber> user = addresses.localUser(address);
        if (user.isEmpty() || !user.get().isUniversal()) {
            return Optional.empty();
        }
        String targetUser = user.get().userName();
        boolean sameUser = targetUser.equals(session.userName());
        if (!sameUser && !authorization.mayWatch(session.userName(), address)
                && !authorization.mayWatch(targetUser, session.jid().bare().userId())) {
            return Optional.empty();
        }
        return Optional.of(targetUser);
    }

    /** The user's XMPP session of that resource on this node. */
    private Optional<XmppSession> sessionHere(String targetUser, Jid to) {
        Optional<ClientSession> found = sessions.session(targetUser, to.resource());
        if (found.isEmpty() || !(found.get() instanceof XmppSession xmpp) || xmpp.jid() == null || !xmpp.jid().equals(to)) {
            return Optional.empty();
        }
        return Optional.of(xmpp);
    }
}
