package org.universalim.privacy.boundary;

/**
 * A user's privacy choices as the user sees them.
 *
 * @param strangers  what the user accepts from strangers now: {@code allow}, {@code no_offline} or {@code refuse}
 * @param chosen     the user's own choice; {@code null} when the ISP's default applies
 * @param ispDefault the ISP's default
 */
public record PrivacyView(String strangers, String chosen, String ispDefault) {
}
