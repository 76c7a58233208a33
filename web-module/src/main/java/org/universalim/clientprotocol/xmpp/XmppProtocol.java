package org.universalim.clientprotocol.xmpp;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.universalim.clientprotocol.websocket.WebSocketSettings;
import org.universalim.clientprotocol.xmpp.XmppConnection.Stage;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.boundary.LastActivity;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.control.DeviceNames;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.AccountAuthenticator;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.RegistrationRequest;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.ScramCredential;
import org.universalim.registration.entity.Subscriber;
import org.universalim.registration.entity.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PendingRequest;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.boundary.RosterService;
import org.universalim.routing.boundary.ClientNotifier;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SendRequest;
import org.universalim.routing.boundary.SendResult;
import org.universalim.routing.boundary.SessionLifecycle;
import org.universalim.routing.boundary.SessionRegistry;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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

    @EJB
    LocalRegistrar registrar;

    @EJB
    SessionLifecycle lifecycle;

    @EJB
    DeviceRegistry devices;

    @EJB
    PresenceRules rules;

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @EJB
    LastActivity lastActivity;

    @Inject
    MessageService messages;

    @Inject
    SessionRegistry sessions;

    @Inject
    ClientNotifier notifier;

    @Inject
    UniversalExtensions extensions;

    @Inject
    IspSettings isp;

    @Inject
    WebSocketSettings settings;

    @Inject
    Logger log;

    @Resource
    ManagedExecutorService executor;

    /** The resource shown for a sender none of whose devices is connected. */
    static final String OFFLINE_RESOURCE = "offline";

    private final StanzaReader reader = new StanzaReader();
    private final ConcurrentHashMap<String, String> lastSendingDevice = new ConcurrentHashMap<>();

    /** The XMPP domain: the ISP's universal domain. */
    String domain() {
        return isp.universalDomain();
    }

    XmppConnection connect(Session socket) {
        XmppConnection[] self = new XmppConnection[1];
        self[0] = new XmppConnection(socket, domain(), settings.outboundMax(), settings.newRateLimiter(),
                messageId -> executor.execute(() -> acknowledge(self[0], messageId)), this::senderJid);
        return self[0];
    }

    /**
     * The full JID a message from {@code address} is shown from. Messages do not record the device they
     * were sent from, so: the resource the user last sent an XMPP message from, if still connected; else
     * one of the user's connected devices; else {@value #OFFLINE_RESOURCE}. Stock clients need a full JID
     * here, and a reply to any resource is routed like one to the bare JID.
     */
    String senderJid(String address) {
        Jid sender;
        try {
            sender = Jid.parse(address);
        } catch (IllegalArgumentException e) {
            return address;
        }
        if (!sender.isBare() || sender.isDomain()) {
            return address;
        }
        String resource = OFFLINE_RESOURCE;
        if (isp.isLocal(sender.userId())) {
            String user = sender.local();
            String last = lastSendingDevice.get(user);
            if (last != null && sessions.session(user, last).isPresent()) {
                resource = last;
            } else {
                resource = sessions.sessionsOf(user).stream().map(ClientSession::device).sorted().findFirst().orElse(OFFLINE_RESOURCE);
            }
        }
        return sender.withResource(resource).toString();
    }

    private void acknowledge(XmppConnection conn, String messageId) {
        try {
            messages.acknowledge(conn, messageId);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "acknowledgement of " + messageId + " failed", e);
        }
    }

    // --- frames

    void handle(XmppConnection conn, String text) {
        if (conn.isClosing()) {
            return;
        }
        XmlElement element;
        try {
            element = reader.read(text);
        } catch (XmppStreamException e) {
            log.fine(() -> "xmpp: stream error " + e.condition().element() + " on " + conn.id() + ": " + e.getMessage());
            conn.closeStream(e);
            return;
        }
        if (!conn.allowFrame()) {
            rateLimited(conn, element);
            return;
        }
        try {
            dispatch(conn, element);
        } catch (XmppStreamException e) {
            log.fine(() -> "xmpp: stream error " + e.condition().element() + " on " + conn.id() + ": " + e.getMessage());
            conn.closeStream(e);
        } catch (RuntimeException e) {
            if (isStanza(element) && conn.stage() == Stage.BOUND) {
                error(conn, element, failure(e));
            } else {
                String incident = UUID.randomUUID().toString();
                log.log(Level.SEVERE, "xmpp: failure on " + conn.id() + ", incident " + incident, e);
                conn.closeStream(new XmppStreamException(Condition.INTERNAL_SERVER_ERROR, "incident " + incident));
            }
        }
    }

    private void rateLimited(XmppConnection conn, XmlElement element) {
        if (isStanza(element) && conn.stage() == Stage.BOUND && !"error".equals(element.attribute("type"))
                && !"result".equals(element.attribute("type")) && !element.name().equals("presence")) {
            error(conn, element, new StanzaError("wait", "policy-violation", "too many stanzas: slow down"));
        }
    }

    private void dispatch(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (e.is("open", Namespaces.FRAMING)) {
            open(conn, e);
            return;
        }
        if (e.is("close", Namespaces.FRAMING)) {
            conn.closeGracefully(CloseReason.CloseCodes.NORMAL_CLOSURE, "stream closed");
            return;
        }
        if (!conn.isOpened() || conn.stage() == Stage.AWAITING_OPEN || conn.stage() == Stage.AWAITING_RESTART) {
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
                register(conn, e, query);
            }
            case AUTHENTICATED -> {
                XmlElement payload = e.name().equals("iq") ? payload(e) : null;
                if (payload != null && payload.is("bind", Namespaces.BIND) && "set".equals(e.attribute("type"))) {
                    bind(conn, e, payload);
                } else if (payload != null && !"error".equals(e.attribute("type")) && !"result".equals(e.attribute("type"))) {
                    error(conn, e, StanzaError.notAllowed("bind a resource first"));
                } else {
                    throw new XmppStreamException(Condition.NOT_AUTHORIZED, "bind a resource first");
                }
            }
            case BOUND -> {
                switch (e.name()) {
                    case "iq" -> iq(conn, e);
                    case "message" -> message(conn, e);
                    default -> presence(conn, e);
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

    private void open(XmppConnection conn, XmlElement open) throws XmppStreamException {
        Stage stage = conn.stage();
        if (stage != Stage.AWAITING_OPEN && stage != Stage.AWAITING_RESTART) {
            throw new XmppStreamException(Condition.BAD_FORMAT, "the stream is open already");
        }
        String to = open.attribute("to");
        boolean restart = stage == Stage.AWAITING_RESTART;
        conn.send(Xml.element("open", Namespaces.FRAMING).attr("from", domain()).attr("id", conn.newStreamId())
                .attr("version", "1.0").attr("xml:lang", "en").toString());
        if (to != null && !to.strip().equalsIgnoreCase(domain())) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server is " + domain()
                    + (to.strip().equalsIgnoreCase(isp.ispDomain()) ? ": XMPP serves the universal domain" : ""));
        }
        String version = open.attribute("version");
        if (version == null || !version.startsWith("1.")) {
            throw new XmppStreamException(Condition.UNSUPPORTED_VERSION, "XMPP 1.0 is required (version='1.0')");
        }
        Xml features = Xml.element("stream:features").attr("xmlns:stream", Namespaces.STREAM);
        if (restart) {
            features.child(Xml.element("bind", Namespaces.BIND))
                    .child(Xml.element("session", Namespaces.SESSION).child(Xml.element("optional")));
            conn.stage(Stage.AUTHENTICATED);
        } else {
            Xml mechanisms = Xml.element("mechanisms", Namespaces.SASL);
            SaslNegotiation.MECHANISMS.forEach(m -> mechanisms.childText("mechanism", m));
            features.child(mechanisms).child(Xml.element("register", Namespaces.REGISTER_FEATURE));
            conn.stage(Stage.AUTHENTICATING);
        }
        conn.send(features.toString());
    }

    private void sasl(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (conn.stage() != Stage.AUTHENTICATING) {
            throw new XmppStreamException(Condition.POLICY_VIOLATION, "authenticated already");
        }
        SaslNegotiation.Step step;
        switch (e.name()) {
            case "auth" -> {
                SaslNegotiation negotiation = new SaslNegotiation(saslAccounts(), domain(), isp.scramIterations());
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
            conn.send(Xml.element("challenge", Namespaces.SASL).text(c.data().isEmpty() ? "=" : c.data()).toString());
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
                conn.send(Xml.element("success", Namespaces.SASL).text(s.data()).toString());
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
        conn.send(failure.toString());
        if (!f.condition().equals("aborted") && conn.authFailed() >= MAX_AUTH_FAILURES) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "too many failed log-in attempts");
        }
    }

    private SaslNegotiation.Accounts saslAccounts() {
        return new SaslNegotiation.Accounts() {
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
        String resource;
        try {
            resource = DeviceNames.normalize(bind.childText("resource", Namespaces.BIND));
        } catch (IllegalArgumentException e) {
            // RFC 6120 7.7.2.2: the server may pick the resource
            resource = "xmpp-" + HexFormat.of().formatHex(randomBytes(4));
        }
        if (devices.find(user, resource).isEmpty()) {
            try {
                devices.register(user, DeviceSpec.named(resource, DeviceType.PC.name()));
            } catch (ConflictException e) {
                if (!"device_exists".equals(e.code())) {
                    error(conn, iq, new StanzaError("wait", "resource-constraint", e.getMessage()));
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
                directedUnavailable(conn);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "clean-up of " + conn.id() + " failed", e);
        }
    }

    // --- presence (RFC 6121 sections 3 and 4)

    private void presence(XmppConnection conn, XmlElement p) {
        String type = p.attribute("type");
        String to = p.attribute("to");
        Jid target = null;
        if (to != null) {
            try {
                target = Jid.parse(to);
            } catch (IllegalArgumentException e) {
                error(conn, p, new StanzaError("modify", "jid-malformed", e.getMessage()));
                return;
            }
        }
        if (type == null || type.equals("unavailable")) {
            if (target == null || target.bare().equals(conn.jid().bare())) {
                broadcast(conn, p, type == null);
            } else {
                directed(conn, target, type == null);
            }
            return;
        }
        if (type.equals("error")) {
            return;
        }
        if (target == null || target.isDomain()) {
            error(conn, p, StanzaError.badRequest("a presence of type " + type + " is addressed to a user"));
            return;
        }
        String contact = target.bare().toString();
        String user = conn.userName();
        try {
            switch (type) {
                case "subscribe" -> roster.subscribe(user, contact, p.childText("status", p.namespace()));
                case "subscribed" -> roster.approve(user, contact);
                case "unsubscribed" -> roster.deny(user, contact);
                case "unsubscribe" -> roster.unsubscribe(user, contact);
                case "probe" -> probe(conn, target);
                default -> error(conn, p, StanzaError.badRequest("no presence type '" + type + "'"));
            }
        } catch (NotFoundException e) {
            // nothing to answer or cancel (RFC 6121: such presence is ignored)
            log.fine(() -> "presence " + type + " from " + user + " to " + contact + " ignored: " + e.getMessage());
        } catch (RuntimeException e) {
            error(conn, p, failure(e));
        }
    }

    /** Available or unavailable presence for everyone who may see it: the device's state (R3, R6). */
    private void broadcast(XmppConnection conn, XmlElement p, boolean available) {
        String status = p.childText("status", p.namespace());
        if (status != null && status.length() > 200) {
            status = status.substring(0, 200);
        }
        if (!available) {
            if (conn.isAvailable()) {
                conn.available(false);
                lifecycle.setState(conn, DeviceState.OFFLINE, status);
                directedUnavailable(conn);
            }
            return;
        }
        DeviceState state;
        int priority;
        try {
            XmlElement ext = p.child("device", Namespaces.PRESENCE_EXT);
            state = PresenceMapping.stateOf(p.childText("show", p.namespace()), ext == null ? null : ext.attribute("state"));
            priority = PresenceMapping.priorityOf(p.childText("priority", p.namespace()));
        } catch (IllegalArgumentException e) {
            error(conn, p, StanzaError.badRequest(e.getMessage()));
            return;
        }
        boolean initial = !conn.isAvailable();
        int before = conn.priority();
        conn.priority(priority);
        if (initial) {
            lifecycle.opened(conn, DeviceType.PC, null, state);
            if (status != null) {
                lifecycle.setState(conn, state, status);
            }
            conn.available(true);
            initialPresence(conn);
        } else {
            lifecycle.setState(conn, state, status);
        }
        if (initial || before != priority) {
            applyPriorities(conn.userName());
        }
        if (initial) {
            messages.deliverStored(conn);
        }
    }

    /** After the initial presence: the presence of the user's contacts and other devices, and pending requests. */
    private void initialPresence(XmppConnection conn) {
        String user = conn.userName();
        conn.presence(directory.presence(user));
        for (RosterEntry entry : roster.roster(user)) {
            if (entry.presence() != null) {
                conn.presence(entry.presence());
            }
        }
        for (PendingRequest request : roster.pendingRequests(user)) {
            conn.send(conn.subscriptionRequest(request.from(), request.message()));
        }
    }

    /** {@code <priority/>} orders the devices (R4): higher first, see {@link PresenceMapping}. */
    private void applyPriorities(String user) {
        Map<String, Integer> priorities = new HashMap<>();
        for (ClientSession s : sessions.sessionsOf(user)) {
            if (s instanceof XmppConnection x && x.isAvailable()) {
                priorities.put(x.device(), x.priority());
            }
        }
        RulesView current = rules.rules(user);
        List<String> order = PresenceMapping.orderByPriority(current.deviceOrder(), priorities);
        if (!order.equals(current.deviceOrder())) {
            try {
                rules.update(user, new RulesUpdate(order, current.ackTimeoutMillis()));
            } catch (InvalidRequestException e) {
                log.fine(() -> "delivery order of " + user + " not changed: " + e.getMessage());
            }
        }
    }

    private void directed(XmppConnection conn, Jid target, boolean available) {
        Optional<Subscriber> local = target.isDomain() ? Optional.empty() : addresses.localUser(target.userId());
        if (local.isEmpty()) {
            return; // other ISPs: presence crosses only through subscriptions
        }
        String other = local.get().userName();
        if (available) {
            conn.directedTo().add(other);
        } else {
            conn.directedTo().remove(other);
        }
        notifier.push(other, new Delivery.Presence(directory.presence(conn.userName())));
    }

    private void directedUnavailable(XmppConnection conn) {
        List<String> targets = new ArrayList<>(conn.directedTo());
        conn.directedTo().clear();
        if (targets.isEmpty()) {
            return;
        }
        Delivery.Presence now = new Delivery.Presence(directory.presence(conn.userName()));
        targets.forEach(t -> notifier.push(t, now));
    }

    private void probe(XmppConnection conn, Jid target) {
        UserId contact = target.userId();
        Optional<Subscriber> local = addresses.localUser(contact);
        if (local.isPresent() && authorization.mayWatch(conn.userName(), contact)) {
            conn.forget(contact.toString());
            conn.presence(directory.presence(local.get().userName()));
        } else if (local.isPresent()) {
            conn.send(Xml.element("presence", Namespaces.CLIENT).attr("from", addresses.display(addresses.key(contact).toString()))
                    .attr("to", conn.jid()).attr("type", "unsubscribed").toString());
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
            error(conn, m, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        if (to.isDomain()) {
            error(conn, m, StanzaError.serviceUnavailable("the server takes no messages"));
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
                error(conn, m, StanzaError.badRequest("security-level is 0 to 3"));
                return;
            }
        }
        // a full JID is routed like its bare JID: the presence logic rules pick the device (R4)
        SendRequest request = new SendRequest(to.bare().toString(), body, application, level);
        lastSendingDevice.put(conn.userName(), conn.device());
        try {
            messages.send(conn.userName(), request).whenComplete((result, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    error(conn, m, cause instanceof RuntimeException r ? failure(r) : StanzaError.internal("not sent"));
                } else if (!result.ok()) {
                    error(conn, m, refused(result));
                }
            });
        } catch (InvalidRequestException e) {
            error(conn, m, StanzaError.notAcceptable(e.getMessage()));
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
            error(conn, iq, StanzaError.badRequest("an iq has an id and a type of get, set, result or error"));
            return;
        }
        XmlElement payload = payload(iq);
        if (payload == null) {
            error(conn, iq, StanzaError.badRequest("an iq get or set has exactly one child element"));
            return;
        }
        Jid to;
        try {
            to = iq.attribute("to") == null ? null : Jid.parse(iq.attribute("to"));
        } catch (IllegalArgumentException e) {
            error(conn, iq, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        boolean server = to == null || to.isDomain() && to.domain().equals(domain()) || to.equals(conn.jid().bare());
        boolean get = type.equals("get");
        String ns = payload.namespace();
        if (!server && !(to.isBare() && !to.isDomain() && (ns.equals(Namespaces.DISCO_INFO) || ns.equals(Namespaces.DISCO_ITEMS)
                || ns.equals(Namespaces.LAST) || ns.equals(Namespaces.PING)))) {
            // IQs to other entities' resources are not routed
            error(conn, iq, StanzaError.serviceUnavailable(null));
            return;
        }
        switch (payload.name() + " " + ns) {
            case "bind " + Namespaces.BIND -> error(conn, iq, StanzaError.notAllowed("a resource is bound already"));
            case "session " + Namespaces.SESSION -> result(conn, iq, null);
            case "query " + Namespaces.ROSTER -> rosterIq(conn, iq, payload, get);
            case "query " + Namespaces.DISCO_INFO -> discoInfo(conn, iq, payload, to, get);
            case "query " + Namespaces.DISCO_ITEMS -> discoItems(conn, iq, payload, to, get);
            case "ping " + Namespaces.PING -> {
                if (server) {
                    result(conn, iq, null);
                } else {
                    error(conn, iq, StanzaError.serviceUnavailable(null));
                }
            }
            case "query " + Namespaces.REGISTER -> register(conn, iq, payload);
            case "query " + Namespaces.LAST -> last(conn, iq, to, get);
            default -> {
                if (!extensions.handle(conn, iq, payload, get)) {
                    error(conn, iq, StanzaError.serviceUnavailable(null));
                }
            }
        }
    }

    private void rosterIq(XmppConnection conn, XmlElement iq, XmlElement query, boolean get) {
        String user = conn.userName();
        if (get) {
            Xml result = Xml.element("query", Namespaces.ROSTER);
            roster.roster(user).forEach(e -> result.child(XmppConnection.rosterItem(e, false)));
            result(conn, iq, result);
            return;
        }
        List<XmlElement> items = query.children("item", Namespaces.ROSTER);
        if (items.size() != 1 || items.get(0).attribute("jid") == null) {
            error(conn, iq, StanzaError.badRequest("a roster set has one item with a jid"));
            return;
        }
        XmlElement item = items.get(0);
        Jid contact;
        try {
            contact = Jid.parse(item.attribute("jid")).bare();
        } catch (IllegalArgumentException e) {
            error(conn, iq, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        if ("remove".equals(item.attribute("subscription"))) {
            roster.remove(user, contact.toString());
        } else {
            List<String> groups = item.children("group", Namespaces.ROSTER).stream().map(XmlElement::text).toList();
            String name = item.attribute("name");
            if (roster.entry(user, contact.toString()).isPresent()) {
                roster.update(user, contact.toString(), name == null ? "" : name, groups);
            } else {
                roster.add(user, contact.toString(), name, groups, false);
            }
        }
        result(conn, iq, null);
    }

    private void discoInfo(XmppConnection conn, XmlElement iq, XmlElement query, Jid to, boolean get) {
        if (!get) {
            error(conn, iq, StanzaError.badRequest("disco#info is a get"));
            return;
        }
        if (query.attribute("node") != null) {
            error(conn, iq, StanzaError.itemNotFound("no such node"));
            return;
        }
        Xml result = Xml.element("query", Namespaces.DISCO_INFO);
        if (to == null || to.isDomain()) {
            result.child(Xml.element("identity").attr("category", "server").attr("type", "im").attr("name", "Universal IM"));
            for (String f : List.of(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING, Namespaces.REGISTER,
                    Namespaces.LAST, Namespaces.OFFLINE, Namespaces.ROSTER, Namespaces.MESSAGE_EXT, Namespaces.PRESENCE_EXT,
                    Namespaces.DEVICES, Namespaces.RULES, Namespaces.AVAILABILITY, Namespaces.ALERTS)) {
                result.child(Xml.element("feature").attr("var", f));
            }
        } else if (visible(conn, to)) {
            result.child(Xml.element("identity").attr("category", "account").attr("type", "registered"));
            result.child(Xml.element("feature").attr("var", Namespaces.DISCO_INFO));
            result.child(Xml.element("feature").attr("var", Namespaces.LAST));
        } else {
            error(conn, iq, StanzaError.serviceUnavailable(null));
            return;
        }
        result(conn, iq, result);
    }

    private void discoItems(XmppConnection conn, XmlElement iq, XmlElement query, Jid to, boolean get) {
        if (!get) {
            error(conn, iq, StanzaError.badRequest("disco#items is a get"));
        } else if (to == null || to.isDomain() || visible(conn, to)) {
            result(conn, iq, Xml.element("query", Namespaces.DISCO_ITEMS));
        } else {
            error(conn, iq, StanzaError.serviceUnavailable(null));
        }
    }

    /** Whether the user may learn about another user's account: themselves, or a contact who approved them. */
    private boolean visible(XmppConnection conn, Jid user) {
        UserId id = user.userId();
        return addresses.localUser(id).isPresent() && authorization.mayWatch(conn.userName(), id);
    }

    /** XEP-0012: the server's uptime, or how long ago a contact was last connected (from the presence history). */
    private void last(XmppConnection conn, XmlElement iq, Jid to, boolean get) {
        if (!get) {
            error(conn, iq, StanzaError.badRequest("last activity is a get"));
            return;
        }
        if (to == null || to.isDomain()) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
            result(conn, iq, Xml.element("query", Namespaces.LAST).attr("seconds", uptime));
            return;
        }
        Optional<Subscriber> contact = addresses.localUser(to.userId());
        if (contact.isEmpty() || !authorization.mayWatch(conn.userName(), to.userId())) {
            error(conn, iq, contact.isEmpty() ? StanzaError.serviceUnavailable(null)
                    : StanzaError.forbidden("you do not see this contact's presence"));
            return;
        }
        Optional<Duration> since = lastActivity.sinceLastSeen(contact.get().userName());
        if (since.isEmpty()) {
            error(conn, iq, StanzaError.itemNotFound("never seen"));
            return;
        }
        result(conn, iq, Xml.element("query", Namespaces.LAST).attr("seconds", since.get().toSeconds()));
    }

    // --- in-band registration (XEP-0077, R1)

    private void register(XmppConnection conn, XmlElement iq, XmlElement query) {
        boolean get = "get".equals(iq.attribute("type"));
        if (!get && !"set".equals(iq.attribute("type"))) {
            if (conn.stage() != Stage.BOUND) {
                return;
            }
            error(conn, iq, StanzaError.badRequest("get or set"));
            return;
        }
        if (conn.stage() == Stage.BOUND) {
            if (!get) {
                error(conn, iq, StanzaError.notAllowed("change or close your account through the account API"));
                return;
            }
            Account account = registrar.account(conn.userName()).orElseThrow();
            result(conn, iq, Xml.element("query", Namespaces.REGISTER).child(Xml.element("registered"))
                    .childText("username", account.userName()).childText("name", account.attributes().fullName())
                    .childText("email", account.attributes().email()).childText("address", account.attributes().postalAddress())
                    .childText("nick", account.attributes().screenName()).childText("misc", account.attributes().billingReference()));
            return;
        }
        if (get) {
            result(conn, iq, Xml.element("query", Namespaces.REGISTER)
                    .childText("instructions", "Choose a user name and a password of 8 to 128 characters, and give your "
                            + "full name (name). Optional: email, address (postal), nick (screen name), misc (billing "
                            + "reference). You register with the Universal IM server: you become user@" + domain() + ".")
                    .child(Xml.element("username")).child(Xml.element("password")).child(Xml.element("name"))
                    .child(Xml.element("email")).child(Xml.element("address")).child(Xml.element("nick"))
                    .child(Xml.element("misc")));
            return;
        }
        if (query.child("remove", Namespaces.REGISTER) != null) {
            error(conn, iq, StanzaError.notAllowed("log in to close an account"));
            return;
        }
        String ns = Namespaces.REGISTER;
        RegistrationRequest request = new RegistrationRequest(query.childText("username", ns), query.childText("password", ns),
                blankToNull(query.childText("name", ns)), blankToNull(query.childText("address", ns)),
                blankToNull(query.childText("misc", ns)), blankToNull(query.childText("nick", ns)),
                blankToNull(query.childText("email", ns)), null, true);
        try {
            Account account = registrar.register(request);
            log.info(() -> "registered " + account.universalAddress() + " in band (XMPP)");
            result(conn, iq, null);
        } catch (ConflictException e) {
            error(conn, iq, StanzaError.conflict(e.getMessage()));
        } catch (InvalidRequestException e) {
            error(conn, iq, StanzaError.notAcceptable(e.getMessage()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // --- replies

    void result(XmppConnection conn, XmlElement iq, Xml payload) {
        conn.send(Xml.element("iq", Namespaces.CLIENT).attr("type", "result").attr("id", iq.attribute("id"))
                .attr("from", iq.attribute("to")).attr("to", conn.jid()).child(payload).toString());
    }

    /** A stanza error answering a stanza (never answers an error). */
    void error(XmppConnection conn, XmlElement stanza, StanzaError error) {
        if ("error".equals(stanza.attribute("type"))) {
            return;
        }
        conn.send(Xml.element(stanza.name(), Namespaces.CLIENT).attr("type", "error").attr("id", stanza.attribute("id"))
                .attr("from", stanza.attribute("to")).attr("to", conn.jid()).child(error.toXml()).toString());
    }

    /** The stanza error for a refused or failed request. */
    StanzaError failure(RuntimeException e) {
        if (e instanceof InvalidRequestException) {
            return StanzaError.badRequest(e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return StanzaError.itemNotFound(e.getMessage());
        }
        if (e instanceof ConflictException c) {
            return switch (c.code()) {
                case "too_many_devices", "roster_full", "too_many_alerts" -> new StanzaError("wait", "resource-constraint", c.getMessage());
                case "not_authorized" -> StanzaError.forbidden(c.getMessage());
                case "remote_unreachable" -> new StanzaError("cancel", "remote-server-not-found", c.getMessage());
                default -> StanzaError.conflict(c.getMessage());
            };
        }
        String incident = UUID.randomUUID().toString();
        log.log(Level.SEVERE, "xmpp: request failed, incident " + incident, e);
        return StanzaError.internal("the server could not do that (incident " + incident + ")");
    }
}
