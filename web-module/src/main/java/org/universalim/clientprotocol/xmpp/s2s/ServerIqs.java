package org.universalim.clientprotocol.xmpp.s2s;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.clientprotocol.xmpp.profile.XmlCopy;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * IQs a remote XMPP server sends from its own domain ({@code prosody.example}) to a resource of one of our users (RFC
 * 6120 10.5.4 lets a server address a client: XEP-0199 pings, disco), and the resource's answers. A get or set is passed
 * to the resource, on this node or on the node holding it, unless the user blocks that domain (XEP-0191); else it is
 * answered {@code service-unavailable}, the same answer as for a resource connected nowhere. The resource's result or
 * error to that domain goes back over s2s from its full JID. No presence rule applies, as none does in Prosody or
 * ejabberd: a server is nobody's contact, and it learns our users' resources only from the presence they send its users.
 */
@ApplicationScoped
public class ServerIqs {

    private static final Logger LOG = Logger.getLogger(ServerIqs.class.getName());

    @Inject
    S2sServer s2s;

    @EJB
    ContactAddresses addresses;

    @Inject
    PrivacyGate privacy;

    @Inject
    SessionRegistry sessions;

    @Inject
    ClientNotifier notifier;

    /**
     * A get or set of the remote server {@code remote} from its domain to our resource {@code to}: whether it was passed
     * to that resource (else the caller answers {@code service-unavailable}).
     */
    boolean toResource(String remote, XmlElement s, Jid to) {
        if (to.isDomain() || to.isBare() || s.attribute("id") == null) {
            return false;
        }
        Optional<Subscriber> user = addresses.localUser(to.userId()).filter(Subscriber::isUniversal);
        if (user.isEmpty() || privacy.blocksDomain(user.get().userName(), remote)) {
            return false;
        }
        String xml;
        try {
            Xml iq = Xml.element("iq", Namespaces.CLIENT).attr("type", s.attribute("type")).attr("id", s.attribute("id"))
                    .attr("from", remote).attr("to", to.toString());
            for (XmlElement child : s.children()) {
                iq.raw(moved(child, XmppStanzas.SERVER, Namespaces.CLIENT));
            }
            xml = iq.toString();
        } catch (ForeignXml.Refused e) {
            LOG.log(Level.FINE, "s2s: an iq of {0} not passed on: {1}", new Object[]{remote, e.getMessage()});
            return false;
        }
        String userName = user.get().userName();
        Delivery.Stanza stanza = new Delivery.Stanza(to.resource(), xml);
        Optional<ClientSession> here = sessions.session(userName, to.resource()).filter(c -> c.protocol() == Protocol.XMPP);
        return here.isPresent() ? here.get().deliver(stanza) : notifier.toDeviceElsewhere(userName, stanza);
    }

    /**
     * Whether an IQ of a resource is the answer (result or error) to a remote XMPP server's own domain, which then goes
     * there over s2s from the resource's full JID.
     */
    public boolean answersServer(XmppSession session, XmlElement iq, Jid to) {
        String type = iq.attribute("type");
        if (to == null || !to.isDomain() || iq.attribute("id") == null || !("result".equals(type) || "error".equals(type))
                || !s2s.running() || !s2s.reaches(to.domain()) || to.domain().equals(session.domain())) {
            return false;
        }
        List<String> children = new ArrayList<>();
        try {
            for (XmlElement child : iq.children()) {
                children.add(moved(child, Namespaces.CLIENT, XmppStanzas.SERVER));
            }
        } catch (ForeignXml.Refused e) {
            return true; // too large to pass on: dropped, as an answer nobody can read
        }
        s2s.submit(to.domain(), List.of(XmppStanzas.iq(type, iq.attribute("id"), session.jid().toString(), to.toString(), children)));
        return true;
    }

    private static String moved(XmlElement child, String from, String to) throws ForeignXml.Refused {
        return ForeignXml.text(ForeignXml.moved(ForeignXml.element(XmlCopy.of(child), RemoteIqs.CHILD_MAX_BYTES, RemoteIqs.CHILD_MAX_DEPTH),
                from, to), RemoteIqs.CHILD_MAX_BYTES, RemoteIqs.CHILD_MAX_DEPTH);
    }
}
