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
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * IQs between users' full JIDs (RFC 6121 section 8.5.3): a get or set a resource addresses to another resource, and
 * the result or error answering it, are passed to that resource with the sender's full JID, so clients can ask each
 * other (software version, entity capabilities, Jingle). Only between the resources of one user, or of two users of
 * this ISP one of whom lets the other see their presence; otherwise, or when no such resource is connected to this
 * node, a get or set is answered {@code service-unavailable} (the same answer in every case, telling nothing) and a
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
