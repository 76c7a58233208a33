package org.universalim.presence.control;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The rule for application identifiers (R3, R14): {@code text}, {@code file}, {@code voice},
 * {@code video}, {@code status-probe} or any other name of 1-32 characters from {@code a-z 0-9 . _ + -},
 * case-folded; at most 20 per device.
 */
public final class Applications {

    public static final int MAX_PER_DEVICE = 20;

    private Applications() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("an application identifier is not empty");
        }
        String app = raw.strip().toLowerCase(Locale.ROOT);
        if (app.length() > 32) {
            throw new IllegalArgumentException("an application identifier has at most 32 characters");
        }
        for (int i = 0; i < app.length(); i++) {
            char c = app.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && ".-_+".indexOf(c) < 0) {
                throw new IllegalArgumentException("an application identifier may only contain a-z, 0-9 and . _ + - (found '" + c + "')");
            }
        }
        return app;
    }

    public static Set<String> normalizeAll(Collection<String> raw) {
        Set<String> apps = new LinkedHashSet<>();
        for (String r : raw) {
            apps.add(normalize(r));
        }
        if (apps.size() > MAX_PER_DEVICE) {
            throw new IllegalArgumentException("a device supports at most " + MAX_PER_DEVICE + " applications");
        }
        return apps;
    }
}
