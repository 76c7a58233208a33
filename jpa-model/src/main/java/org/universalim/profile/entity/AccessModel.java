package org.universalim.profile.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may read a personal event node and be told of its items (XEP-0060 section 4.5, as XEP-0163 uses them):
 * {@code OPEN} anyone, {@code PRESENCE} those the owner lets see their presence, {@code WHITELIST} the owner only
 * (no one else is ever put on the list here).
 */
public enum AccessModel {
    OPEN, PRESENCE, WHITELIST;

    /** The value of {@code pubsub#access_model}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The model a {@code pubsub#access_model} value names, if it is one we offer. */
    public static Optional<AccessModel> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (AccessModel m : values()) {
            if (m.value().equals(value.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
