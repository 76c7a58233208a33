package org.universalim.it.scenario;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * A contact's presence as one device shows it: the latest of what the server told that device, from the
 * roster at log-on or from a presence push (R5, R6). Each check waits until it holds.
 */
public final class PresenceView {

    private static final Set<String> ONLINE = Set.of("READY", "BUSY", "AWAY", "DO_NOT_DISTURB");

    private final Device watcher;
    private final User contact;

    PresenceView(Device watcher, User contact) {
        this.watcher = watcher;
        this.contact = contact;
    }

    /** The contact is logged on with at least one device, whatever its state. */
    public PresenceView online() {
        return until(ONLINE::contains, "online");
    }

    public PresenceView offline() {
        return until("OFFLINE"::equals, "offline");
    }

    /** The contact's aggregate state, e.g. {@code BUSY}. */
    public PresenceView as(String state) {
        return until(state::equals, state);
    }

    private PresenceView until(java.util.function.Predicate<String> state, String what) {
        watcher.client().awaitFrames(frames -> state.test(latest(frames)), Device.WAIT,
                watcher + " sees " + contact + " " + what);
        return this;
    }

    /** The aggregate state last told for the contact, or "" when nothing was told. */
    private String latest(List<JsonObject> frames) {
        String state = "";
        for (JsonObject frame : frames) {
            if ("presence".equals(frame.getString("type", null))) {
                JsonObject presence = frame.getJsonObject("presence");
                if (contact.isAddressedBy(presence.getString("address", null))) {
                    state = presence.getString("aggregate");
                }
            } else if ("result".equals(frame.getString("type", null)) && frame.containsKey("roster")) {
                for (JsonObject entry : frame.getJsonArray("roster").getValuesAs(JsonObject.class)) {
                    if (contact.isAddressedBy(entry.getString("contact", null)) && entry.get("presence") instanceof JsonObject p) {
                        state = p.getString("aggregate");
                    }
                }
            }
        }
        return state;
    }
}
