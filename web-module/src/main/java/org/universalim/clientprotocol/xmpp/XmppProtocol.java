package org.universalim.clientprotocol.xmpp;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.websocket.WebSocketSettings;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.control.DeviceNames;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.boundary.AccountAuthenticator;
import org.universalim.registration.boundary.Admission;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.LoginThrottle;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.Precis;
import org.universalim.registration.entity.ScramCredential;
import org.universalim.registration.entity.Subscriber;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SendRequest;
import org.universalim.routing.boundary.SendResult;
import org.universalim.routing.boundary.SessionLifecycle;
import org.universalim.routing.boundary.SessionRegistry;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The universal client protocol: XMPP over WebSocket (RFC 7395, RFC 6120, RFC 6121) on the shared routing
 * core, so an XMPP client and a Local-protocol client of one user are two devices of one user (R10).
 * The XMPP domain is the ISP's universal domain; only universal users log in. See docs/xmpp.md.
 */
@ApplicationScoped
public class XmppProtocol {

    /** SASL failures allowed on one stream before it is closed. */
    static final int MAX_AUTH_FAILURES = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    AccountAuthenticator authenticator;

    @Inject
    LoginThrottle throttle;

    @Inject
    Clock clock;

    @EJB
    LocalRegistrar registrar;

    @EJB
    SessionLifecycle lifecycle;

    @EJB
    DeviceRegistry devices;

    @Inject
    MessageService messages;

    @Inject
    SessionRegistry sessions;

    @Inject
    UniversalExtensions extensions;

    @Inject
    PresenceHandler presenceHandler;

    @Inject
    ServerQueries queries;

    @Inject
    IspSettings isp;

    @Inject
    WebSocketSettings settings;

    @Inject
    Logger log;

    @Inject
    SenderJids senders;

    /** The XMPP domain: the ISP's universal domain. */
    String domain() {
        return isp.universalDomain();
    }

    /** A new client connection over {@code transport}: what the transport tells it goes to the returned inbound. */
    public XmppInbound connect(XmppTransport transport) {
        // the write's completion acknowledges at once: the acknowledgement only queues a status change
        // (no container service is needed, so no hand-off to the executor per message)
        XmppConnection conn = new XmppConnection(transport, domain(), settings.newRateLimiter(), this::acknowledge, senders::of);
        return new Inbound(conn);
    }

    /** What a transport reads, into the protocol. */
    private final class Inbound implements XmppInbound {
        private final XmppConnection conn;

        Inbound(XmppConnection conn) {
            this.conn = conn;
        }

        @Override
        public void streamOpened(StreamHeader header) {
            if (conn.allowFrame()) {
                try {
                    open(conn, header);
                } catch (XmppStreamException e) {
                    streamError(conn, e);
                } catch (RuntimeException e) {
                    fault(conn, null, e);
                }
            }
        }

        @Override
        public void streamClosed() {
            if (conn.allowFrame()) {
                conn.transport().closeStream("stream closed");
            }
        }

        @Override
        public void element(XmlElement element) {
            handle(conn, element);
        }

        @Override
        public void unreadable(XmppStreamException error) {
            streamError(conn, error);
        }

        @Override
        public void disconnected() {
            closed(conn);
        }
    }

    private void acknowledge(ClientSession conn, String messageId) {
        try {
            messages.acknowledge(conn, messageId);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "acknowledgement of " + messageId + " failed", e);
        }
    }

    // --- frames

    void handle(XmppConnection conn, XmlElement element) {
        if (!conn.allowFrame()) {
            rateLimited(conn, element);
            return;
        }
        try {
            dispatch(conn, element);
        } catch (XmppStreamException e) {
            streamError(conn, e);
        } catch (RuntimeException e) {
            fault(conn, element, e);
        }
    }

    private void streamError(XmppConnection conn, XmppStreamException e) {
        log.fine(() -> "xmpp: stream error " + e.condition().element() + " on " + conn.id() + ": " + e.getMessage());
        conn.closeStream(e);
    }

    /** A fault: a stanza gets a stanza error, anything else ends the stream with an incident id. */
    private void fault(XmppConnection conn, XmlElement element, RuntimeException e) {
        if (element != null && isStanza(element) && conn.stage() == StreamStage.BOUND) {
            Replies.error(conn, element, Replies.failure(e));
        } else {
            String incident = UUID.randomUUID().toString();
            log.log(Level.SEVERE, "xmpp: failure on " + conn.id() + ", incident " + incident, e);
            conn.closeStream(new XmppStreamException(Condition.INTERNAL_SERVER_ERROR, "incident " + incident));
        }
    }

    private void rateLimited(XmppConnection conn, XmlElement element) {
        if (isStanza(element) && conn.stage() == StreamStage.BOUND && !"error".equals(element.attribute("type"))
                && !"result".equals(element.attribute("type")) && !element.name().equals("presence")) {
            Replies.error(conn, element, new StanzaError("wait", "policy-violation", "too many stanzas: slow down"));
        }
    }

    private void dispatch(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (!conn.isOpened() || conn.stage() == StreamStage.AWAITING_OPEN || conn.stage() == StreamStage.AWAITING_RESTART) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "open the stream first (RFC 7395 <open/>)");
        }
        if (e.namespace().equals(Namespaces.SASL)) {
            sasl(conn, e);
            return;
        }
        if (!isStanza(e)) {
            if (e.namespace().equals(Namespaces.STREAM) || e.namespace().equals(Namespaces.FRAMING)) {
                throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE, "<" + e.name() + "/> is not supported here");
            }
            throw new XmppStreamException(e.namespace().isEmpty() || e.namespace().equals(Namespaces.CLIENT)
                    ? Condition.UNSUPPORTED_STANZA_TYPE : Condition.INVALID_NAMESPACE,
                    "a frame is <open/>, <close/>, a SASL element, <iq/>, <message/> or <presence/>");
        }
        switch (conn.stage()) {
            case AUTHENTICATING -> {
                // before log-in only in-band registration (XEP-0077)
                XmlElement query = e.name().equals("iq") ? payload(e) : null;
                if (query == null || !query.is("query", Namespaces.REGISTER)) {
                    throw new XmppStreamException(Condition.NOT_AUTHORIZED, "log in first");
                }
                queries.register(conn, e, query);
            }
            case AUTHENTICATED -> {
                XmlElement payload = e.name().equals("iq") ? payload(e) : null;
                if (payload != null && payload.is("bind", Namespaces.BIND) && "set".equals(e.attribute("type"))) {
                    bind(conn, e, payload);
                } else if (payload != null && !"error".equals(e.attribute("type")) && !"result".equals(e.attribute("type"))) {
                    Replies.error(conn, e, StanzaError.notAllowed("bind a resource first"));
                } else {
                    throw new XmppStreamException(Condition.NOT_AUTHORIZED, "bind a resource first");
                }
            }
            case BOUND -> {
                switch (e.name()) {
                    case "iq" -> iq(conn, e);
                    case "message" -> message(conn, e);
                    default -> presenceHandler.presence(conn, e);
                }
            }
            default -> throw new XmppStreamException(Condition.NOT_AUTHORIZED, "open the stream first");
        }
    }

    private static boolean isStanza(XmlElement e) {
        return (e.namespace().equals(Namespaces.CLIENT) || e.namespace().isEmpty())
                && (e.name().equals("iq") || e.name().equals("message") || e.name().equals("presence"));
    }

    // --- stream setup

    private void open(XmppConnection conn, StreamHeader open) throws XmppStreamException {
        StreamStage stage = conn.stage();
        if (stage != StreamStage.AWAITING_OPEN && stage != StreamStage.AWAITING_RESTART) {
            throw new XmppStreamException(Condition.BAD_FORMAT, "the stream is open already");
        }
        String to = open.to();
        boolean restart = stage == StreamStage.AWAITING_RESTART;
        conn.openStream();
        if (to != null && !to.strip().equalsIgnoreCase(domain())) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server is " + domain()
                    + (to.strip().equalsIgnoreCase(isp.ispDomain()) ? ": XMPP serves the universal domain" : ""));
        }
        String version = open.version();
        if (version == null || !version.startsWith("1.")) {
            throw new XmppStreamException(Condition.UNSUPPORTED_VERSION, "XMPP 1.0 is required (version='1.0')");
        }
        Xml features = Xml.element("stream:features").attr("xmlns:stream", Namespaces.STREAM);
        if (restart) {
            features.child(Xml.element("bind", Namespaces.BIND))
                    .child(Xml.element("session", Namespaces.SESSION).child(Xml.element("optional")));
            conn.stage(StreamStage.AUTHENTICATED);
        } else {
            Xml mechanisms = Xml.element("mechanisms", Namespaces.SASL);
            SaslNegotiation.offered(conn.origin().secure()).forEach(m -> mechanisms.childText("mechanism", m));
            features.child(mechanisms).child(Xml.element("register", Namespaces.REGISTER_FEATURE));
            conn.stage(StreamStage.AUTHENTICATING);
        }
        conn.sendStreamElement(features.toString());
    }

    private void sasl(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (conn.stage() != StreamStage.AUTHENTICATING) {
            throw new XmppStreamException(Condition.POLICY_VIOLATION, "authenticated already");
        }
        SaslNegotiation.Step step;
        switch (e.name()) {
            case "auth" -> {
                SaslNegotiation negotiation = new SaslNegotiation(saslAccounts(conn), domain(), isp.scramIterations(),
                        conn.origin().secure());
                conn.sasl(negotiation);
                step = negotiation.start(e.attribute("mechanism"), e.text());
            }
            case "response" -> {
                if (conn.sasl() == null) {
                    throw new XmppStreamException(Condition.POLICY_VIOLATION, "no authentication in progress");
                }
                step = conn.sasl().respond(e.text());
            }
            case "abort" -> step = conn.sasl() == null ? new SaslNegotiation.Failure("aborted", null) : conn.sasl().abort();
            default -> throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE, "<" + e.name() + "/> is not a SASL request");
        }
        if (step instanceof SaslNegotiation.Challenge c) {
            conn.sendStreamElement(Xml.element("challenge", Namespaces.SASL).text(c.data().isEmpty() ? "=" : c.data()).toString());
            return;
        }
        if (step instanceof SaslNegotiation.Success s) {
            Optional<Subscriber> user = registrar.find(s.userName());
            if (user.isPresent() && !user.get().isUniversal()) {
                step = new SaslNegotiation.Failure("not-authorized", user.get().userName() + " is registered only with the "
                        + "Local IM server: upgrade to universal first (account.upgrade in the Local protocol, or "
                        + "POST /api/v1/me/upgrade)");
            } else if (user.isPresent()) {
                conn.authenticated(user.get().userName());
                conn.sendStreamElement(Xml.element("success", Namespaces.SASL).text(s.data()).toString());
                log.fine(() -> user.get().userName() + " authenticated over XMPP");
                return;
            } else {
                step = new SaslNegotiation.Failure("not-authorized", "wrong user name or password");
            }
        }
        SaslNegotiation.Failure f = (SaslNegotiation.Failure) step;
        conn.sasl(null);
        Xml failure = Xml.element("failure", Namespaces.SASL).child(Xml.element(f.condition()));
        if (f.text() != null) {
            failure.child(Xml.element("text").attr("xml:lang", "en").text(f.text()));
        }
        conn.sendStreamElement(failure.toString());
        if (!f.condition().equals("aborted") && conn.authFailed() >= MAX_AUTH_FAILURES) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "too many failed log-in attempts");
        }
    }

    /** The accounts as one SASL attempt on {@code conn} sees them, behind the log-in throttle. */
    private SaslNegotiation.Accounts saslAccounts(XmppConnection conn) {
        return new SaslNegotiation.Accounts() {
            private Admission admission;

            @Override
            public Optional<String> admit(String userName) {
                admission = throttle.admit(LoginDoor.XMPP, userName, conn.origin().address());
                return admission.admitted() ? Optional.empty() : Optional.of(admission.reason(clock.instant()));
            }

            @Override
            public void outcome(String userName, boolean success) {
                if (success) {
                    throttle.succeeded(admission);
                } else {
                    throttle.failed(admission);
                }
            }

            @Override
            public Optional<ScramCredential> scram(String userName, ScramMechanism mechanism) {
                return authenticator.scramCredential(userName, mechanism);
            }

            @Override
            public Optional<String> plain(String userName, String password) {
                return authenticator.authenticate(userName, password);
            }
        };
    }

    private void bind(XmppConnection conn, XmlElement iq, XmlElement bind) {
        String user = conn.userName();
        String requested = bind.childText("resource", Namespaces.BIND);
        String resource;
        if (requested == null || requested.isBlank()) {
            // RFC 6120 7.6: the server picks the resource
            resource = "xmpp-" + HexFormat.of().formatHex(randomBytes(4));
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
        conn.send(Xml.element("iq", Namespaces.CLIENT).attr("type", "result").attr("id", iq.attribute("id"))
                .child(Xml.element("bind", Namespaces.BIND).childText("jid", conn.jid())).toString());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    void closed(XmppConnection conn) {
        if (conn.jid() == null) {
            return;
        }
        boolean current = sessions.unregister(conn);
        try {
            messages.sessionClosed(conn);
            lifecycle.closed(conn);
            if (current) {
                presenceHandler.directedUnavailable(conn);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "clean-up of " + conn.id() + " failed", e);
        }
    }

    // --- messages (RFC 6121 section 5, XEP-0160)

    private void message(XmppConnection conn, XmlElement m) {
        String type = m.attribute("type");
        if ("error".equals(type)) {
            return;
        }
        String body = m.childText("body", m.namespace());
        if (body == null) {
            return; // chat states and other payloads without a body are not stored or routed
        }
        Jid to;
        try {
            to = m.attribute("to") == null ? conn.jid().bare() : Jid.parse(m.attribute("to"));
        } catch (IllegalArgumentException e) {
            Replies.error(conn, m, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        if (to.isDomain()) {
            Replies.error(conn, m, StanzaError.serviceUnavailable("the server takes no messages"));
            return;
        }
        XmlElement ext = m.child("im", Namespaces.MESSAGE_EXT);
        int level = 0;
        String application = null;
        if (ext != null) {
            application = ext.attribute("application");
            try {
                level = ext.attribute("security-level") == null ? 0 : Integer.parseInt(ext.attribute("security-level").strip());
            } catch (NumberFormatException e) {
                Replies.error(conn, m, StanzaError.badRequest("security-level is 0 to 3"));
                return;
            }
        }
        // a full JID is routed like its bare JID: the presence logic rules pick the device (R4)
        SendRequest request = new SendRequest(to.bare().toString(), body, application, level);
        senders.sentFrom(conn.userName(), conn.device());
        try {
            messages.send(conn.userName(), request).whenComplete((result, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    Replies.error(conn, m, cause instanceof RuntimeException r ? Replies.failure(r) : StanzaError.internal("not sent"));
                } else if (!result.ok()) {
                    Replies.error(conn, m, refused(result));
                }
            });
        } catch (InvalidRequestException e) {
            Replies.error(conn, m, StanzaError.notAcceptable(e.getMessage()));
        }
    }

    private static StanzaError refused(SendResult result) {
        return switch (result.code() == null ? "" : result.code()) {
            case "unknown_recipient" -> StanzaError.itemNotFound(result.reason());
            case "remote_unreachable" -> new StanzaError("cancel", "remote-server-not-found", result.reason());
            case "offline_storage_full" -> new StanzaError("wait", "resource-constraint", result.reason());
            default -> new StanzaError("cancel", "undefined-condition", result.reason());
        };
    }

    // --- IQ

    private static XmlElement payload(XmlElement iq) {
        return iq.children().size() == 1 ? iq.children().get(0) : null;
    }

    private void iq(XmppConnection conn, XmlElement iq) {
        String type = iq.attribute("type");
        if ("result".equals(type) || "error".equals(type)) {
            return; // answers to our roster pushes
        }
        if (iq.attribute("id") == null || !("get".equals(type) || "set".equals(type))) {
            Replies.error(conn, iq, StanzaError.badRequest("an iq has an id and a type of get, set, result or error"));
            return;
        }
        XmlElement payload = payload(iq);
        if (payload == null) {
            Replies.error(conn, iq, StanzaError.badRequest("an iq get or set has exactly one child element"));
            return;
        }
        Jid to;
        try {
            to = iq.attribute("to") == null ? null : Jid.parse(iq.attribute("to"));
        } catch (IllegalArgumentException e) {
            Replies.error(conn, iq, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        boolean server = to == null || to.isDomain() && to.domain().equals(domain()) || to.equals(conn.jid().bare());
        boolean get = type.equals("get");
        String ns = payload.namespace();
        if (!server && !(to.isBare() && !to.isDomain() && (ns.equals(Namespaces.DISCO_INFO) || ns.equals(Namespaces.DISCO_ITEMS)
                || ns.equals(Namespaces.LAST) || ns.equals(Namespaces.PING)))) {
            // IQs to other entities' resources are not routed
            Replies.error(conn, iq, StanzaError.serviceUnavailable(null));
            return;
        }
        switch (payload.name() + " " + ns) {
            case "bind " + Namespaces.BIND -> Replies.error(conn, iq, StanzaError.notAllowed("a resource is bound already"));
            case "session " + Namespaces.SESSION -> Replies.result(conn, iq, null);
            case "query " + Namespaces.ROSTER -> queries.rosterIq(conn, iq, payload, get);
            case "query " + Namespaces.DISCO_INFO -> queries.discoInfo(conn, iq, payload, to, get);
            case "query " + Namespaces.DISCO_ITEMS -> queries.discoItems(conn, iq, payload, to, get);
            case "ping " + Namespaces.PING -> {
                if (server) {
                    Replies.result(conn, iq, null);
                } else {
                    Replies.error(conn, iq, StanzaError.serviceUnavailable(null));
                }
            }
            case "query " + Namespaces.REGISTER -> queries.register(conn, iq, payload);
            case "query " + Namespaces.LAST -> queries.last(conn, iq, to, get);
            default -> {
                if (!extensions.handle(conn, iq, payload, get)) {
                    Replies.error(conn, iq, StanzaError.serviceUnavailable(null));
                }
            }
        }
    }

}
