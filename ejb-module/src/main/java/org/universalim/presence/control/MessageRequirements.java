package org.universalim.presence.control;

import java.util.Locale;

/**
 * What a message asks of the device that takes it (R4, R14): its application type ({@code text},
 * {@code file}, {@code status-probe}, any string) and its security level (0 public ... 3 confidential).
 */
public record MessageRequirements(String application, int securityLevel) {

    public static final String TEXT = "text";

    public MessageRequirements {
        application = application == null || application.isBlank() ? TEXT : application.strip().toLowerCase(Locale.ROOT);
    }

    public static MessageRequirements text() {
        return new MessageRequirements(TEXT, 0);
    }
}
