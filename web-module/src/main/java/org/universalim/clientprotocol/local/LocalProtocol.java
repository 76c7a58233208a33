package org.universalim.clientprotocol.local;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.universalim.platform.ConflictException;
import org.universalim.platform.Incidents;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.platform.TooManyRequestsException;
import org.universalim.presence.boundary.AlertRequest;
import org.universalim.presence.boundary.AvailabilityAlerts;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.control.DeviceNames;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.boundary.AccountAuthenticator;
import org.universalim.registration.boundary.Admission;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.LoginThrottle;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterService;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.ConnectionRequests;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.SendRequest;
import org.universalim.routing.control.ExtensionSummary;
import org.universalim.routing.control.MessageExtensions;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.boundary.SendResult;
import org.universalim.routing.boundary.SessionLifecycle;
import org.universalim.routing.boundary.SessionRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Local IM protocol (docs/local-protocol.md): every client frame gets a {@code result} or an
 * {@code error} carrying the frame's {@code id}; pushes come unasked. Nothing but {@code login} and
 * {@code ping} is accepted before log-in.
 */
@ApplicationScoped
public class LocalProtocol {

    /** The error code of a request the server could not take because it is stopping (docs/local-protocol.md). */
    static final String SHUTTING_DOWN = "shutting_down";

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
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    ConnectionRequests connections;

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    AvailabilityAlerts alerts;

    @EJB
    DeviceRegistry devices;

    @Inject
    MessageService messages;

    @Inject
    SessionRegistry sessions;

    @Inject
    Logger log;

    @Inject
    AccountFrames account;

    void handle(LocalConnection conn, String text) {
        // every frame took a token of the connection's rate before it came here, a malformed one too (FrameShaper)
        JsonObject frame;
        try {
            frame = LocalCodec.read(text);
        } catch (LocalCodec.MalformedFrame e) {
            conn.send(LocalCodec.error(null, null, "malformed_frame", e.getMessage(), null));
            return;
        }
        String type = frame.getString("type");
        JsonValue id = frame.get("id");
        try {
            if (!conn.isLoggedIn() && !type.equals("login") && !type.equals("ping")) {
                conn.send(LocalCodec.error(id, type, "not_authenticated", "log in first", null));
                return;
            }
            dispatch(conn, type, id, frame);
        } catch (InvalidRequestException e) {
            conn.send(LocalCodec.error(id, type, "validation_failed", e.getMessage(), e.errors()));
        } catch (TooManyRequestsException e) {
            conn.send(LocalCodec.reply("error", id, type).add("code", e.code()).add("message", e.getMessage())
                    .add("retryAfter", e.retryAfterSeconds()).build().toString());
        } catch (ConflictException e) {
            conn.send(LocalCodec.error(id, type, e.code(), e.getMessage(), null));
        } catch (NotFoundException e) {
            conn.send(LocalCodec.error(id, type, "not_found", e.getMessage(), null));
        } catch (RuntimeException e) {
            fail(conn, id, type, e);
        }
    }

    private void dispatch(LocalConnection conn, String type, JsonValue id, JsonObject f) {
        String user = conn.userName();
        switch (type) {
            case "ping" -> ok(conn, id, type, Json.createObjectBuilder());
            case "login" -> login(conn, id, f);
            case "logout" -> {
                ok(conn, id, type, Json.createObjectBuilder());
                conn.close("logged out");
            }
            case "roster.get" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("roster", LocalCodec.json(roster.roster(user)))
                    .add("pending", LocalCodec.json(roster.pendingRequests(user))));
            case "roster.add" -> ok(conn, id, type, Json.createObjectBuilder().add("entry", LocalCodec.json(
                    roster.add(user, Frames.text(f, "contact"), Frames.optionalText(f, "name"), Frames.textList(f, "groups"),
                            Frames.bool(f, "subscribe", true)))));
            case "roster.rename" -> ok(conn, id, type, Json.createObjectBuilder().add("entry", LocalCodec.json(
                    roster.update(user, Frames.text(f, "contact"), Frames.optionalText(f, "name"), Frames.textList(f, "groups")))));
            case "roster.remove" -> {
                roster.remove(user, Frames.text(f, "contact"));
                ok(conn, id, type, Json.createObjectBuilder());
            }
            case "presence.set" -> presence(conn, id, f);
            case "subscription.request" -> ok(conn, id, type, Json.createObjectBuilder().add("entry", LocalCodec.json(
                    roster.subscribe(user, Frames.text(f, "contact"), Frames.optionalText(f, "message")))));
            case "subscription.approve" -> ok(conn, id, type, Json.createObjectBuilder().add("entry", LocalCodec.json(
                    roster.approve(user, Frames.text(f, "contact")))));
            case "subscription.deny" -> {
                roster.deny(user, Frames.text(f, "contact"));
                ok(conn, id, type, Json.createObjectBuilder());
            }
            case "subscription.cancel" -> ok(conn, id, type, Json.createObjectBuilder().add("entry", LocalCodec.json(
                    roster.unsubscribe(user, Frames.text(f, "contact")))));
            case "subscription.pending" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("pending", LocalCodec.json(roster.pendingRequests(user))));
            case "connect" -> reply(conn, id, type, connections.connect(user, Frames.text(f, "contact"))
                    .thenApply(answer -> Json.createObjectBuilder().add("answer", LocalCodec.json(answer))));
            case "message.send" -> send(conn, id, f);
            // answered once the acknowledgement is durable: the message is never offered to this device again then
            case "message.ack" -> reply(conn, id, type, messages.acknowledge(conn, Frames.text(f, "messageId"))
                    .thenApply(done -> Json.createObjectBuilder()));
            case "history.get" -> history(conn, id, f);
            case "carbons.set" -> {
                conn.copies(Frames.bool(f, "enabled", true));
                ok(conn, id, type, Json.createObjectBuilder().add("enabled", Frames.bool(f, "enabled", true)));
            }
            case "availability.get" -> availability(conn, id, f);
            case "alert.set" -> {
                String contact = Frames.text(f, "contact");
                requireAuthorized(user, contact);
                ok(conn, id, type, Json.createObjectBuilder().add("alert", LocalCodec.json(alerts.set(user,
                        new AlertRequest(contact, Frames.optionalText(f, "from"), Frames.optionalText(f, "until"))))));
            }
            case "alert.list" -> ok(conn, id, type, Json.createObjectBuilder().add("alerts", LocalCodec.json(alerts.alerts(user))));
            case "alert.cancel" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("alert", LocalCodec.json(alerts.cancel(user, Frames.longNumber(f, "alertId")))));
            case "account.upgrade" -> ok(conn, id, type, Json.createObjectBuilder()
                    .add("account", LocalCodec.json(registrar.upgrade(user))));
            default -> {
                if (!account.handle(conn, type, id, f)) {
                    conn.send(LocalCodec.error(id, type, "unknown_type", "no frame type '" + type + "'", null));
                }
            }
        }
    }

    private void login(LocalConnection conn, JsonValue id, JsonObject f) {
        if (conn.isLoggedIn()) {
            conn.send(LocalCodec.error(id, "login", "already_authenticated", "this connection is logged in already", null));
            return;
        }
        String user = Frames.text(f, "user");
        String password = Frames.text(f, "password");
        String device;
        try {
            device = DeviceNames.normalize(Frames.text(f, "device"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("device", e.getMessage());
        }
        DeviceType type = parse(DeviceType.class, Frames.optionalText(f, "deviceType"), DeviceType.PC, "deviceType");
        DeviceState state = parse(DeviceState.class, Frames.optionalText(f, "state"), DeviceState.READY, "state");
        List<String> acks = acks(f);
        // password guessing: the throttle may refuse before the password is checked (docs/security.md)
        Admission admission = throttle.admit(LoginDoor.LOCAL, user, conn.origin().address());
        if (!admission.admitted()) {
            Instant now = clock.instant();
            conn.send(LocalCodec.reply("error", id, "login").add("code", "too_many_attempts")
                    .add("message", admission.reason(now)).add("retryAfter", admission.retryAfterSeconds(now)).build().toString());
            return;
        }
        String name = authenticator.authenticate(user, password).orElse(null);
        if (name == null) {
            throttle.failed(admission);
            conn.send(LocalCodec.error(id, "login", "authentication_failed", "wrong user name or password", null));
            return;
        }
        throttle.succeeded(admission);
        conn.loggedIn(name, device);
        // what is pushed from now on waits for the answer below: its roster is read after this, so a presence
        // pushed meanwhile is newer than (or the same as) the roster's and must reach the client after it
        conn.holdPushes();
        java.util.Optional<ClientSession> previous;
        JsonObjectBuilder answer;
        try {
            previous = sessions.register(conn);
            previous.ifPresent(p -> p.close("replaced by a new log-in of this device"));
            try {
                lifecycle.opened(conn, type, Frames.optionalText(f, "endpoint"), state);
            } catch (RuntimeException e) {
                sessions.unregister(conn);
                throw e;
            }
            log.fine(() -> name + " logged in on " + device + " (local protocol)");
            answer = Json.createObjectBuilder()
                    .add("account", LocalCodec.json(registrar.account(name).orElseThrow()))
                    .add("device", device)
                    .add("roster", LocalCodec.json(roster.roster(name)))
                    .add("pending", LocalCodec.json(roster.pendingRequests(name)));
        } catch (RuntimeException e) {
            conn.releasePushes();
            throw e;
        }
        // the acknowledgements the last connection took down unanswered count before anything stored is offered
        // and what the session this one replaced had not acknowledged goes on (to storage, say) before this one is
        // offered the stored messages: a message written to the old connection cannot come after a newer one
        messages.acknowledgeAtLogOn(conn, acks).whenComplete((done, failure) -> {
            if (failure != null) {
                Incidents.fault(log, "acknowledgements given with a log-on were not written", failure);
            }
            CompletionStage<Void> handedOn = previous.map(messages::replaced).orElse(CompletableFuture.completedFuture(null));
            // and a session of this device on another node (a node that died, say) is over first: what it held for the
            // device, and what the device had sent through it, is stored and offered before anything sent or given now
            handedOn.handle((handed, notHanded) -> null).thenCompose(handed -> messages.heldElsewhereNoMore(conn))
                    .whenComplete((handed, notHanded) -> {
                        try {
                            ok(conn, id, "login", answer);
                        } finally {
                            conn.releasePushes();
                        }
                        messages.deliverStored(conn);
                    });
        });
    }

    /** The acknowledgements a log-on gives again ({@code acks}): at most {@value MessageService#MAX_ACKS_AT_LOG_ON}. */
    private static List<String> acks(JsonObject f) {
        List<String> acks = Frames.textList(f, "acks");
        if (acks == null) {
            return List.of();
        }
        if (acks.size() > MessageService.MAX_ACKS_AT_LOG_ON) {
            throw new InvalidRequestException("acks", "a log-on gives at most " + MessageService.MAX_ACKS_AT_LOG_ON
                    + " acknowledgements");
        }
        for (String ack : acks) {
            if (ack.isBlank() || ack.length() > 64) {
                throw new InvalidRequestException("acks", "a message id has 1 to 64 characters");
            }
        }
        return acks;
    }

    void closed(LocalConnection conn) {
        if (!conn.isLoggedIn()) {
            return;
        }
        sessions.unregister(conn);
        // what it had not acknowledged goes on first (to the next device, or storage); then its row in the node table
        // goes, also for a replaced session (closed() keeps the device online): a device that logged on again on
        // another node waits for that row, so it is offered what this session held before anything newer
        messages.sessionClosed(conn, () -> {
            try {
                lifecycle.closed(conn);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "clean-up of " + conn.id() + " failed", e);
            }
        });
    }

    private void presence(LocalConnection conn, JsonValue id, JsonObject f) {
        DeviceState state = parse(DeviceState.class, Frames.text(f, "state"), null, "state");
        String status = Frames.optionalText(f, "statusText");
        if (status != null && status.length() > 200) {
            throw new InvalidRequestException("statusText", "a status text has at most 200 characters");
        }
        String device = Frames.optionalText(f, "device");
        if (device == null || device.strip().equals(conn.device())) {
            lifecycle.setState(conn, state, status);
        } else {
            devices.setState(conn.userName(), device, state, status);
        }
        ok(conn, id, "presence.set", Json.createObjectBuilder());
    }

    private void send(LocalConnection conn, JsonValue id, JsonObject f) {
        String clientId = Frames.optionalText(f, "clientId");
        // a chat state (XEP-0085) and a marker (XEP-0333) travel as their XMPP elements, with or without a body
        String chatState = Frames.optionalText(f, "chatState");
        String marker = Frames.optionalText(f, "marker");
        // XEP-0333: the sender of a message with a body asks for markers with <markable/>
        String text = Frames.optionalText(f, "body");
        boolean markable = Frames.bool(f, "markable", false) && text != null && !text.isEmpty();
        String extensions;
        try {
            extensions = ExtensionSummary.elements(chatState, marker, Frames.optionalText(f, "markerFor"), markable);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(chatState != null && e.getMessage().startsWith("chatState") ? "chatState"
                    : e.getMessage().startsWith("markerFor") ? "markerFor" : "marker", e.getMessage());
        }
        String body = Frames.optionalText(f, "body");
        if (extensions != null && body == null) {
            body = "";
        }
        List<MessageExtensions.Name> names = new java.util.ArrayList<>();
        if (chatState != null) {
            names.add(new MessageExtensions.Name(MessageExtensions.CHAT_STATES, chatState));
        }
        if (marker != null) {
            names.add(new MessageExtensions.Name(MessageExtensions.MARKERS, marker));
        }
        if (markable) {
            names.add(new MessageExtensions.Name(MessageExtensions.MARKERS, "markable"));
        }
        SendRequest request = new SendRequest(Frames.text(f, "to"), body, Frames.optionalText(f, "application"),
                Frames.integer(f, "securityLevel", 0), clientId, clientId, extensions,
                MessageExtensions.keeping(body != null && !body.isEmpty(), names));
        boolean copy = !Frames.bool(f, "private", false);
        reply(conn, id, "message.send", messages.send(conn.userName(), conn.device(), request, copy).thenApply(result -> {
            if (!result.ok()) {
                throw new CompletionException(new DeliveryRefused(result));
            }
            JsonObjectBuilder b = Json.createObjectBuilder().add("messageId", result.messageId()).add("status", result.status().wire());
            if (clientId != null) {
                b.add("clientId", clientId);
            }
            if (result.device() != null) {
                b.add("device", result.device());
            }
            if (result.reason() != null) {
                b.add("reason", result.reason());
            }
            return b;
        }));
    }

    private void history(LocalConnection conn, JsonValue id, JsonObject f) {
        String before = Frames.optionalText(f, "before");
        Instant cursor;
        try {
            cursor = before == null ? null : Instant.parse(before);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("before", "a time like 2026-11-24T10:00:00Z is required");
        }
        ok(conn, id, "history.get", Json.createObjectBuilder().add("messages", LocalCodec.json(
                messages.history(conn.userName(), Frames.text(f, "contact"), cursor, Frames.integer(f, "limit", 50)))));
    }

    private void availability(LocalConnection conn, JsonValue id, JsonObject f) {
        String contact = Frames.text(f, "contact");
        UserId target = requireAuthorized(conn.userName(), contact);
        String user = addresses.localUser(target).orElseThrow(() ->
                new ConflictException("remote_unreachable", "availability of users of other ISPs is not available here")).userName();
        ok(conn, id, "availability.get", Json.createObjectBuilder().add("availability", LocalCodec.json(indicator.availability(user))));
    }

    private UserId requireAuthorized(String user, String contact) {
        UserId target = addresses.parse("contact", contact);
        if (!authorization.mayWatch(user, target)) {
            throw new ConflictException("not_authorized", contact + " has not let you see their presence: ask for it first");
        }
        return target;
    }

    private void reply(LocalConnection conn, JsonValue id, String type, CompletionStage<JsonObjectBuilder> result) {
        result.whenComplete((payload, failure) -> {
            if (failure == null) {
                ok(conn, id, type, payload);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof DeliveryRefused refused) {
                conn.send(LocalCodec.error(id, type, refused.result.code(), refused.result.reason(), null));
            } else {
                fail(conn, id, type, cause);
            }
        });
    }

    private void ok(LocalConnection conn, JsonValue id, String type, JsonObjectBuilder payload) {
        conn.send(LocalCodec.result(id, type, payload));
    }

    private void fail(LocalConnection conn, JsonValue id, String type, Throwable e) {
        if (MessageJournal.isStopping(e)) {
            // a graceful stop, no fault: the client sends again (with the same clientId) once the server is back
            log.log(Level.FINE, "local protocol: {0} refused, the server is stopping", type);
            conn.send(LocalCodec.error(id, type, SHUTTING_DOWN, "the server is shutting down: try again once it is back", null));
            return;
        }
        String incident = Incidents.fault(log, "local protocol: " + type + " failed", e);
        conn.send(LocalCodec.error(id, type, "internal_error", "the server could not do that " + Incidents.reference(incident), null));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, E fallback, String field) {
        if (raw == null || raw.isBlank()) {
            if (fallback == null) {
                throw new InvalidRequestException(field, "\"" + field + "\" is required");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "'" + raw + "' is not one of " + java.util.EnumSet.allOf(type));
        }
    }

    /** A message the routing core refused, carried to the reply. */
    private static final class DeliveryRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SendResult result;

        DeliveryRefused(SendResult result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }

    static JsonArrayBuilder array() {
        return Json.createArrayBuilder();
    }
}
