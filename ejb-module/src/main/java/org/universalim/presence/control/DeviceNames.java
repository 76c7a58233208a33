package org.universalim.presence.control;

import org.universalim.presence.entity.Device;
import org.universalim.address.Precis;

/**
 * The rule for device names, which are also XMPP resources and are shown to the user's contacts: the PRECIS
 * Nickname profile (RFC 8266: case kept, spaces mapped and collapsed, NFKC; control characters, bidirectional
 * controls such as U+202E and invisible characters refused), then 1 to 64 characters and none of
 * {@code / @ < > " '}. {@code Phone} and {@code phone} are different devices.
 */
public final class DeviceNames {

    private DeviceNames() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a device name is required");
        }
        String name;
        try {
            name = Precis.nickname(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a device name " + e.getMessage());
        }
        if (name.length() > Device.MAX_NAME) {
            throw new IllegalArgumentException("a device name has at most " + Device.MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ("/@<>\"'".indexOf(c) >= 0) {
                throw new IllegalArgumentException("a device name may not contain '" + c + "'");
            }
        }
        return name;
    }
}
