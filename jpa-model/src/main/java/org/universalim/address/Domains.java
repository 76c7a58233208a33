package org.universalim.address;

import java.util.Locale;

/**
 * The rule for domains in addresses: lower case, dot-separated labels of {@code a-z 0-9 -} that neither
 * start nor end with {@code -}, each at most 63 characters, 253 in all.
 */
public final class Domains {

    public static final int MAX_LENGTH = 253;

    private Domains() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidAddressException("a domain is required");
        }
        String domain = raw.strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
            throw new InvalidAddressException("a domain has 1 to " + MAX_LENGTH + " characters");
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new InvalidAddressException("'" + raw.strip() + "' is not a domain name");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidAddressException("a domain label neither starts nor ends with '-'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                    throw new InvalidAddressException(
                            "a domain may only contain a-z, 0-9, '-' and dots (found '" + c + "')");
                }
            }
        }
        return domain;
    }
}
