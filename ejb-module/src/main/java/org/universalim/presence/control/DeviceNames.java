package org.universalim.presence.control;

import org.universalim.presence.entity.Device;

/**
 * The rule for device names (which are also XMPP resources): 1 to 64 characters after trimming, no
 * control characters and none of {@code / @ < > " '}. Case is kept: {@code Phone} and {@code phone} are
 * different devices.
 */
public final class DeviceNames {

    private DeviceNames() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a device name is required");
        }
        String name = raw.strip();
        if (name.length() > Device.MAX_NAME) {
            throw new IllegalArgumentException("a device name has at most " + Device.MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || "/@<>\"'".indexOf(c) >= 0) {
                throw new IllegalArgumentException("a device name may not contain '" + (Character.isISOControl(c) ? "\\u" + Integer.toHexString(c) : c) + "'");
            }
        }
        return name;
    }
}
