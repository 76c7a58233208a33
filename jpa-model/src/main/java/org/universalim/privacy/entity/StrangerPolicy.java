package org.universalim.privacy.entity;

import java.util.Locale;

/**
 * What a user accepts from strangers (senders who are not on the user's roster): everything, messages only
 * while a device can take them (nothing is stored offline for a stranger), or nothing.
 */
public enum StrangerPolicy {
    ALLOW, NO_OFFLINE, REFUSE;

    /** The name on the wire and in settings: {@code allow}, {@code no_offline}, {@code refuse}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name (any case, {@code -} for {@code _}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static StrangerPolicy parse(String text) {
        if (text != null) {
            String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (StrangerPolicy p : values()) {
                if (p.name().equals(t)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("a stranger policy is allow, no_offline or refuse");
    }
}
