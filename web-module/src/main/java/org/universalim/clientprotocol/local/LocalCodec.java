package org.universalim.clientprotocol.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.universalim.platform.FieldError;
import org.universalim.platform.json.JsonInput;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.control.ExtensionSummary;

import java.io.StringReader;
import java.util.List;

/**
 * The Local IM protocol's JSON frames (docs/local-protocol.md): reading client frames and writing
 * replies, errors and the server's pushes.
 */
public final class LocalCodec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    /** A client frame that is not a JSON object with a {@code type}. */
    public static final class MalformedFrame extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedFrame(String message) {
            super(message);
        }
    }

    private LocalCodec() {
    }

    /**
     * Reads a client frame: one JSON object with a string {@code type}, nested at most
     * {@value JsonInput#MAX_DEPTH} levels. The refusal says what is wrong in our words, never the parser's.
     */
    public static JsonObject read(String text) throws MalformedFrame {
        JsonValue value;
        try {
            value = JsonInput.parse(text);
        } catch (JsonInput.Unreadable e) {
            throw new MalformedFrame("a frame is one JSON object: this one " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedFrame("a frame is a JSON object");
        }
        JsonObject frame = value.asJsonObject();
        JsonValue type = frame.get("type");
        if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedFrame("a frame has a string \"type\"");
        }
        return frame;
    }

    /** Any Java value (records included) as JSON. */
    public static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(JSONB.toJson(value)))) {
            return reader.readValue();
        }
    }

    public static JsonObjectBuilder reply(String type, JsonValue id, String forType) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type);
        if (id != null) {
            b.add("id", id);
        }
        if (forType != null) {
            b.add("for", forType);
        }
        return b;
    }

    public static String result(JsonValue id, String forType, JsonObjectBuilder payload) {
        JsonObjectBuilder b = reply("result", id, forType);
        payload.build().forEach(b::add);
        return b.build().toString();
    }

    public static String error(JsonValue id, String forType, String code, String message, List<FieldError> fields) {
        JsonObjectBuilder b = reply("error", id, forType).add("code", code).add("message", message == null ? code : message);
        if (fields != null && !fields.isEmpty()) {
            b.add("fieldErrors", json(fields));
        }
        return b.build().toString();
    }

    /**
     * What the Local protocol shows of a message's extension elements (typing, XEP-0085; read marks, XEP-0333 and
     * XEP-0184, and whether the sender asks for them; the condition of a client's own error message, RFC 6120 8.3), the
     * sending client's own id and the device it was sent from.
     */
    private static void extended(JsonObjectBuilder b, String extensions, String clientId, String fromDevice) {
        ExtensionSummary summary = ExtensionSummary.of(extensions);
        if (summary.chatState() != null) {
            b.add("chatState", summary.chatState());
        }
        if (summary.marker() != null) {
            b.add("marker", summary.marker());
            if (summary.markerFor() != null) {
                b.add("markerFor", summary.markerFor());
            }
        }
        if (summary.markable()) {
            b.add("markable", true); // XEP-0333: the sender asks for markers
        }
        if (summary.error() != null) {
            b.add("error", summary.error()); // the sender's client could not take the message with this clientId
        }
        if (clientId != null) {
            b.add("clientId", clientId);
        }
        if (fromDevice != null) {
            b.add("fromDevice", fromDevice);
        }
    }

    /** A push of the server to the client. */
    public static String push(Delivery delivery) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (delivery instanceof Delivery.Message m) {
            b.add("type", "message").add("messageId", m.messageId()).add("from", m.from()).add("to", m.to())
                    .add("format", m.format()).add("offline", m.offline()).add("sentAt", m.sentAt().toString());
            if (m.universalXml() != null) {
                // both users are universal: the message travels in the universal XML format (R9)
                b.add("xml", m.universalXml());
            } else {
                b.add("application", m.application()).add("securityLevel", m.securityLevel()).add("body", m.body());
            }
            extended(b, m.extensions(), m.stanzaId(), m.fromDevice());
        } else if (delivery instanceof Delivery.Presence p) {
            b.add("type", "presence").add("presence", json(p.presence()));
        } else if (delivery instanceof Delivery.RosterUpdate r) {
            b.add("type", "roster.push").add("removed", r.removed()).add("entry", json(r.entry()));
        } else if (delivery instanceof Delivery.SubscriptionRequest s) {
            b.add("type", "subscription.request").add("from", s.from());
            if (s.message() != null) {
                b.add("message", s.message());
            }
        } else if (delivery instanceof Delivery.SubscriptionAnswer a) {
            b.add("type", "subscription.answer").add("contact", a.contact()).add("approved", a.approved());
        } else if (delivery instanceof Delivery.Receipt r) {
            b.add("type", "receipt").add("messageId", r.messageId()).add("to", r.recipient()).add("status", r.status().wire());
            if (r.device() != null) {
                b.add("device", r.device());
            }
            if (r.reason() != null) {
                b.add("reason", r.reason());
            }
        } else if (delivery instanceof Delivery.Copy c) {
            // message carbons' equivalent: what the user sent or received on another device
            b.add("type", "message.copy").add("direction", c.direction()).add("messageId", c.messageId()).add("from", c.from())
                    .add("to", c.to()).add("device", c.device()).add("sentAt", c.sentAt().toString()).add("application", c.application())
                    .add("securityLevel", c.securityLevel()).add("body", c.body());
            extended(b, c.extensions(), c.stanzaId(), c.fromDevice());
        } else if (delivery instanceof Delivery.BlockUpdate u) {
            b.add("type", "block.changed").add("address", u.address()).add("blocked", u.blocked());
        } else if (delivery instanceof Delivery.AlertFired a) {
            b.add("type", "alert.fired").add("alertId", a.alertId()).add("contact", a.contact())
                    .add("at", a.at().toString());
            if (a.device() != null) {
                b.add("device", a.device());
            }
        }
        return b.build().toString();
    }
}
