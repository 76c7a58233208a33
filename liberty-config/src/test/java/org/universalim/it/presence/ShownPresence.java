package org.universalim.it.presence;

import jakarta.json.JsonObject;
import org.universalim.it.LocalClient;
import org.universalim.it.xmpp.RawXmppClient;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a watcher's client shows of a contact: the latest of what the server told it, in the order it was told
 * (the roster at log-on, then presence pushes), on the Local protocol and on XMPP.
 */
record ShownPresence(String aggregate, String reason, String statusText) {

    static final ShownPresence NOTHING = new ShownPresence("", null, null);

    boolean online() {
        return !aggregate.isEmpty() && !"OFFLINE".equals(aggregate);
    }

    /** The Local protocol: the contact's presence in the log-in's roster or a later push. */
    static ShownPresence local(LocalClient client, String contact) {
        return local(client.received(), contact);
    }

    static ShownPresence local(List<JsonObject> frames, String contact) {
        ShownPresence shown = NOTHING;
        for (JsonObject frame : frames) {
            if ("presence".equals(frame.getString("type", null))) {
                JsonObject p = frame.getJsonObject("presence");
                if (contact.equals(p.getString("address", null))) {
                    shown = of(p);
                }
            } else if ("result".equals(frame.getString("type", null)) && frame.get("roster") != null
                    && frame.get("roster").getValueType() == jakarta.json.JsonValue.ValueType.ARRAY) {
                for (JsonObject entry : frame.getJsonArray("roster").getValuesAs(JsonObject.class)) {
                    if (contact.equals(entry.getString("contact", null))) {
                        shown = entry.get("presence") instanceof JsonObject p ? of(p) : NOTHING;
                    }
                }
            }
        }
        return shown;
    }

    private static ShownPresence of(JsonObject p) {
        return new ShownPresence(p.getString("aggregate"), text(p, "reason"), text(p, "statusText"));
    }

    private static String text(JsonObject o, String name) {
        return o.get(name) != null && o.get(name).getValueType() == jakarta.json.JsonValue.ValueType.STRING ? o.getString(name) : null;
    }

    private static final Pattern PRESENCE = Pattern.compile("^<presence\\b[^>]*>");
    private static final Pattern STATUS = Pattern.compile("<status>([^<]*)</status>");

    /**
     * XMPP: the contact's resource as the last presence stanza from it said: available ("READY" or its
     * {@code <show/>}), unavailable ("OFFLINE", with its {@code <status/>}), or nothing yet.
     */
    static ShownPresence xmpp(RawXmppClient client, String contactResource) {
        ShownPresence shown = NOTHING;
        for (String frame : client.frames()) {
            Matcher start = PRESENCE.matcher(frame);
            if (!start.find() || !contactResource.equals(attribute(start.group(), "from"))) {
                continue;
            }
            String type = attribute(start.group(), "type");
            Matcher status = STATUS.matcher(frame);
            String statusText = status.find() ? status.group(1) : null;
            if (type == null) {
                Matcher show = Pattern.compile("<show>([^<]*)</show>").matcher(frame);
                shown = new ShownPresence(show.find() ? show.group(1) : "READY", null, statusText);
            } else if ("unavailable".equals(type)) {
                shown = new ShownPresence("OFFLINE", null, statusText);
            }
        }
        return shown;
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=[\"']([^\"']*)[\"']").matcher(tag);
        return m.find() ? m.group(1) : null;
    }
}
