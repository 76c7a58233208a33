package org.universalim.privacy.boundary;

/** What the user accepts from strangers: {@code allow}, {@code no_offline}, {@code refuse} or {@code default}. */
public record PrivacyUpdate(String strangers) {
}
