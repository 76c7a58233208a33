package org.universalim.federation.control;

import org.universalim.federation.wire.DeviceInfo;
import org.universalim.federation.wire.PresenceInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A remote XMPP user's presence as our watchers see it (R3): one device per resource, from the presence stanzas of each
 * resource (RFC 6121 4.4): an available presence adds or replaces its resource, an unavailable one removes it (from a
 * bare JID: all of them). The aggregate is the most attentive state of the resources left; none left: offline.
 */
public final class XmppPresence {

    /** The application type of XMPP chat (R14). */
    public static final String TEXT = "text";
    /** The device name of a presence from a bare JID. */
    static final String NO_RESOURCE = "xmpp";
    /** The most resources kept per user (a remote server cannot grow a row without bound). */
    static final int MAX_RESOURCES = 20;
    private static final List<String> ATTENTION = List.of("READY", "BUSY", "AWAY", "DO_NOT_DISTURB");

    private XmppPresence() {
    }

    /**
     * The user's presence after one presence stanza.
     *
     * @param known    what was known before, or {@code null}
     * @param resource the stanza's resource, or {@code null}
     * @param state    the device state of its {@code <show/>} ({@link XmppStanzas#state})
     */
    public static PresenceInfo merge(PresenceInfo known, String user, String resource, boolean available, String state, String status) {
        String device = resource == null || resource.isBlank() ? NO_RESOURCE : cut(resource);
        List<DeviceInfo> devices = new ArrayList<>(known == null ? List.of() : known.devices);
        if (!available && resource == null) {
            devices.clear();
        }
        devices.removeIf(d -> d.name.equals(device));
        if (available) {
            DeviceInfo d = new DeviceInfo();
            d.name = device;
            d.type = "PC";
            d.state = state;
            d.statusText = cut(status);
            d.applications.add(TEXT);
            devices.add(0, d);
            while (devices.size() > MAX_RESOURCES) {
                devices.remove(devices.size() - 1);
            }
        }
        PresenceInfo p = new PresenceInfo();
        p.user = user;
        p.devices = devices;
        p.available = !devices.isEmpty();
        p.aggregate = devices.stream().map(d -> d.state).filter(ATTENTION::contains)
                .min((a, b) -> ATTENTION.indexOf(a) - ATTENTION.indexOf(b)).orElse("OFFLINE");
        p.statusText = devices.isEmpty() ? null : devices.get(0).statusText;
        return p;
    }

    private static String cut(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200);
    }
}
