package org.universalim.clientprotocol.xmpp.s2s;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.clientprotocol.xmpp.profile.XmlCopy;
import org.universalim.clientprotocol.xmpp.tcp.EventLoops;
import org.universalim.federation.boundary.PeerDirectory;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.federation.entity.Peer;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.Delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * IQ requests of our users' resources to entities of remote XMPP servers (RFC 6120 10.5.3, RFC 6121 8.5): to the server
 * itself ({@code prosody.example}: disco, ping, version), to a user's bare JID (answered by that server for the account:
 * vCard, disco) and to a user's resource (only between users one of whom lets the other see their presence, as between
 * ISPs). Each is sent at once over s2s from the asking resource's full JID and waits here for its answer, which goes back
 * to that resource; one that cannot be sent is answered {@code remote-server-not-found} (no server, blocked, it refused
 * us) or {@code remote-server-timeout} (no connection in time), one unanswered within {@code xmpp.s2s.iq.timeout.seconds}
 * {@code remote-server-timeout}. Nothing waits on a thread: the deadline is a timer of the event loops. What waits is
 * kept on the node that asked. The answer comes back there over our own stream when the remote server uses it both
 * ways (XEP-0288); when it arrives on another node's stream (the remote server's own stream to our domain landed there),
 * that node passes it to the node holding the asking resource, over the node channel as a stanza for that device
 * ({@link Delivery.Stanza#asked()}), and there it settles the waiting IQ as if it had arrived there
 * ({@link #answeredElsewhere}).
 */
@ApplicationScoped
public class RemoteIqs {

    /** IQs that may wait for remote answers on this node, and per resource. */
    static final int MAX_WAITING = 10_000;
    static final int PER_RESOURCE = 64;
    /** Bounds of one child element of an IQ passed over s2s (those of the federation's IQs). */
    static final int CHILD_MAX_BYTES = 60_000;
    static final int CHILD_MAX_DEPTH = 16;
    private static final Logger LOG = Logger.getLogger(RemoteIqs.class.getName());

    private record Waiting(XmppSession session, XmlElement iq) {
    }

    @Inject
    S2sServer s2s;

    @Inject
    S2sSettings settings;

    @Inject
    EventLoops loops;

    @Inject
    IspSettings isp;

    @EJB
    PeerDirectory peers;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    ContactAddresses addresses;

    @Inject
    ClientNotifier notifier;

    private final PendingIqs<Waiting> waiting = new PendingIqs<>(MAX_WAITING, PER_RESOURCE);

    /**
     * Whether an IQ to {@code to} goes over s2s: its domain is none of ours and no Universal IM peer's (those keep the
     * federation contract), and s2s runs.
     */
    public boolean remote(XmppSession session, Jid to) {
        if (to == null || !s2s.running()) {
            return false;
        }
        String domain = to.domain();
        if (domain.equals(session.domain()) || domain.equals(isp.ispDomain()) || domain.equals(isp.universalDomain())) {
            return false;
        }
        Optional<Peer> peer = peers.forDomain(domain);
        return peer.isEmpty() || peer.get().isXmppServer();
    }

    /** Sends a get or set of the session's resource to {@code to} (see {@link #remote}) and waits for its answer. */
    public void send(XmppSession session, XmlElement iq, Jid to) {
        String id = iq.attribute("id");
        if (!s2s.reaches(to.domain())) {
            Replies.error(session, iq, new StanzaError("cancel", "remote-server-not-found", null));
            return;
        }
        if (!to.isDomain() && !to.isBare() && !authorization.mayWatch(session.userName(), to.userId())
                && !authorization.letsSee(session.userName(), to.userId())) {
            Replies.error(session, iq, StanzaError.serviceUnavailable(null)); // the rule between resources, as between ISPs
            return;
        }
        List<String> children = new ArrayList<>();
        try {
            for (XmlElement child : iq.children()) {
                children.add(moved(child, Namespaces.CLIENT, XmppStanzas.SERVER));
            }
        } catch (ForeignXml.Refused e) {
            Replies.error(session, iq, StanzaError.policyViolation("the request is too large to be passed on"));
            return;
        }
        String from = session.jid().toString();
        PendingIqs.Key key = new PendingIqs.Key(from, id, to.toString());
        if (!waiting.add(key, new Waiting(session, iq))) {
            Replies.error(session, iq, new StanzaError("wait", "resource-constraint", "too many questions wait for an answer"));
            return;
        }
        long timeout = settings.iqTimeout().toMillis();
        loops.group().next().schedule(() -> settle(key, "wait", "remote-server-timeout", "no answer from " + to),
                timeout, TimeUnit.MILLISECONDS);
        s2s.submit(to.domain(), List.of(XmppStanzas.iq(iq.attribute("type"), id, from, to.toString(), children)))
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        String condition = failure instanceof OutgoingSession.Failure f ? f.condition() : "remote-server-timeout";
                        settle(key, "remote-server-not-found".equals(condition) ? "cancel" : "wait", condition, null);
                    }
                });
    }

    /**
     * An IQ result or error from a remote server: when it answers a question of one of our resources (from the entity
     * asked, with its id), passed to that resource, and true; else false.
     */
    boolean answered(XmlElement s) {
        PendingIqs.Key key;
        try {
            key = new PendingIqs.Key(Jid.parse(s.attribute("to")).toString(), s.attribute("id"), Jid.parse(s.attribute("from")).toString());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (key.id() == null) {
            return false;
        }
        Waiting w = waiting.take(key);
        if (w == null) {
            return toOtherNode(key, s);
        }
        String answer;
        try {
            answer = answer(key, s);
        } catch (ForeignXml.Refused e) {
            LOG.log(Level.FINE, "s2s: an answer from {0} not passed on: {1}", new Object[]{key.remote(), e.getMessage()});
            Replies.error(w.session(), w.iq(), new StanzaError("cancel", "undefined-condition", "the answer could not be read"));
            return true;
        }
        w.session().send(answer);
        return true;
    }

    /**
     * An answer that waits on no IQ of this node, when the resource it is for is connected to another node of this ISP:
     * passed there (that node settles the IQ if it waits for it there, else drops the answer), and true; else false.
     */
    private boolean toOtherNode(PendingIqs.Key key, XmlElement s) {
        Jid ours = Jid.parse(key.ours());
        if (ours.isDomain() || ours.isBare() || notifier == null) {
            return false;
        }
        Optional<Subscriber> user;
        try {
            user = addresses.localUser(ours.userId());
        } catch (RuntimeException e) {
            return false;
        }
        if (user.isEmpty() || !user.get().isUniversal()) {
            return false;
        }
        String answer;
        try {
            answer = answer(key, s);
        } catch (ForeignXml.Refused e) {
            LOG.log(Level.FINE, "s2s: an answer from {0} not passed on: {1}", new Object[]{key.remote(), e.getMessage()});
            return false;
        }
        boolean passed = notifier.toDeviceElsewhere(user.get().userName(),
                new Delivery.Stanza(ours.resource(), answer, new Delivery.Stanza.Asked(key.id(), key.remote())));
        LOG.log(Level.FINE, "s2s: an answer from {0} to {1} (id {2}) passed to another node: {3}",
                new Object[]{key.remote(), key.ours(), key.id(), passed});
        return passed;
    }

    /**
     * The answer to an IQ this node's resource {@code session} sent over s2s, which arrived on another node's stream and
     * was passed here ({@link Delivery.Stanza#asked()}): given to the resource, and the IQ settled, if it still waits;
     * else dropped (it was answered already, or timed out, or was never asked). Always true: the delivery is done.
     */
    public boolean answeredElsewhere(XmppSession session, Delivery.Stanza stanza) {
        Jid jid = session.jid();
        Delivery.Stanza.Asked asked = stanza.asked();
        Waiting w = jid == null || asked == null ? null : waiting.take(new PendingIqs.Key(jid.toString(), asked.id(), asked.remote()));
        if (w == null) {
            LOG.log(Level.FINE, "s2s: an answer from another node for {0} waits on nothing here: dropped", jid);
            return true;
        }
        w.session().send(stanza.xml());
        return true;
    }

    /** The answer as our resource reads it. */
    private static String answer(PendingIqs.Key key, XmlElement s) throws ForeignXml.Refused {
        Xml answer = Xml.element("iq", Namespaces.CLIENT).attr("type", s.attribute("type")).attr("id", key.id())
                .attr("from", key.remote()).attr("to", key.ours());
        for (XmlElement child : s.children()) {
            answer.raw(moved(child, XmppStanzas.SERVER, Namespaces.CLIENT));
        }
        return answer.toString();
    }

    /** A child element of an IQ, bounded, with its content moved from one stanza namespace to the other (c2s, s2s). */
    private static String moved(XmlElement child, String from, String to) throws ForeignXml.Refused {
        return ForeignXml.text(ForeignXml.moved(ForeignXml.element(XmlCopy.of(child), CHILD_MAX_BYTES, CHILD_MAX_DEPTH), from, to),
                CHILD_MAX_BYTES, CHILD_MAX_DEPTH);
    }

    /** Answers a waiting IQ with an error, unless it was answered already. */
    private void settle(PendingIqs.Key key, String type, String condition, String text) {
        Waiting w = waiting.take(key);
        if (w != null) {
            Replies.error(w.session(), w.iq(), new StanzaError(type, condition, text));
        }
    }
}
