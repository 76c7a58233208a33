package org.universalim.clientprotocol.xmpp.stream;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.ConflictException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.control.DeviceNames;
import org.universalim.presence.entity.DeviceType;
import org.universalim.address.Precis;
import org.universalim.routing.boundary.ForcedLogOff;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SessionRegistry;

import javax.xml.namespace.QName;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resource binding (RFC 6120 section 7): the resource is a device of the user (R3), created (type PC) or
 * reused by name; a resource the client does not name is chosen by the server. A second bind of the same
 * resource, over XMPP or the Local protocol, replaces the older session ({@code conflict}). Once bound, a
 * further bind is {@code not-allowed} (this class answers that IQ too). The bind is answered once the device holds no
 * session on another node any more (docs/cluster.md): what it sent through a node that died comes first.
 */
@ApplicationScoped
public class ResourceBinding implements StreamFeature, IqHandler {

    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    DeviceRegistry devices;

    @Inject
    SessionRegistry sessions;

    @Inject
    MessageService messages;

    @Inject
    ForcedLogOff forcedLogOff;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    @Override
    public StreamStage offeredAt() {
        return StreamStage.AUTHENTICATED;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Xml feature(XmppConnection conn) {
        return Xml.element("bind", Namespaces.BIND);
    }

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.BIND, "bind"));
    }

    /** A bind once a resource is bound. */
    @Override
    public void handle(IqRequest request) {
        request.error(StanzaError.notAllowed("a resource is bound already"));
    }

    /** The bind IQ of an authenticated stream. */
    void bind(XmppConnection conn, XmlElement iq, XmlElement bind) {
        String user = conn.userName();
        String requested = bind.childText("resource", Namespaces.BIND);
        String resource;
        if (requested == null || requested.isBlank()) {
            // RFC 6120 7.6: the server picks the resource
            byte[] random = new byte[4];
            RANDOM.nextBytes(random);
            resource = "xmpp-" + HexFormat.of().formatHex(random);
        } else {
            try {
                // a resourcepart is an OpaqueString (RFC 7622 3.4); as a device name it is a Nickname (RFC 8266)
                resource = DeviceNames.normalize(Precis.opaqueString(requested));
            } catch (IllegalArgumentException e) {
                // RFC 6120 7.7.2.1: a resourcepart the server cannot take is a bad request
                Replies.error(conn, iq, StanzaError.badRequest("the resource " + e.getMessage().replaceFirst("^a device name ", "")));
                return;
            }
        }
        if (devices.find(user, resource).isEmpty()) {
            try {
                devices.register(user, DeviceSpec.named(resource, DeviceType.PC.name()));
            } catch (ConflictException e) {
                if (!"device_exists".equals(e.code())) {
                    Replies.error(conn, iq, new StanzaError("wait", "resource-constraint", e.getMessage()));
                    return;
                }
            }
        }
        conn.bound(resource, isp.universalAddress(user));
        sessions.register(conn).ifPresent(previous -> previous.close("replaced by a new log-in of " + conn.jid()));
        String bound = resource;
        log.fine(() -> user + " bound " + bound + " (XMPP)");
        String result = Xml.element("iq", Namespaces.CLIENT).attr("type", "result").attr("id", iq.attribute("id"))
                .child(Xml.element("bind", Namespaces.BIND).childText("jid", conn.jid())).toString();
        // a session of this device on another node is over first: a live node closes it now (what it held goes the R4
        // way: stored, and offered at the initial presence here), one that died once it is declared dead; what the
        // device sent through that node is then stored or delivered before anything it sends now can overtake it, as a
        // Local log-on is answered only then. At once when the device has no session elsewhere.
        forcedLogOff.closeElsewhere(conn);
        messages.heldElsewhereNoMore(conn).whenComplete((settled, failure) -> {
            if (failure != null) {
                log.log(Level.WARNING, "could not tell whether " + conn.id() + " is held on another node", failure);
            }
            conn.send(result);
        });
    }
}
