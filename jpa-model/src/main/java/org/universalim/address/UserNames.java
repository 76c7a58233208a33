package org.universalim.address;

import java.util.Optional;
import java.util.Set;

/**
 * The rule for the local part of a USERID (the part before the {@code @}).
 *
 * <p>A name is normalised before it is checked or stored: surrounding white space is removed, then the
 * PRECIS UsernameCaseMapped profile is enforced (RFC 8265 section 3.3: full-width letters become their
 * ordinary forms, upper case becomes lower case, and control, invisible or bidirectional characters are
 * refused), so {@code " Alice "} and {@code "ALICE"} are the same name. A normalised name then has
 * {@value #MIN_LENGTH}&ndash;{@value #MAX_LENGTH} characters from {@code a-z 0-9 . _ -}, starts with a
 * letter, ends with a letter or a digit, and has no two punctuation characters in a row. A few names
 * that an ISP keeps for its own staff ({@link #RESERVED}) cannot be registered.
 */
public final class UserNames {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 32;

    /** Names an ISP keeps for its operators; the same list for local and universal users. */
    public static final Set<String> RESERVED = Set.of(
            "admin", "administrator", "root", "postmaster", "hostmaster", "webmaster",
            "abuse", "support", "security", "system", "noreply", "no-reply");

    private UserNames() {
    }

    /** The canonical form of a name, or empty when it breaks a rule (a lookup of such a name finds nobody). */
    public static Optional<String> normalized(String raw) {
        try {
            return Optional.of(normalize(raw));
        } catch (InvalidAddressException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Normalises and checks a name.
     *
     * @return the canonical form of the name
     * @throws InvalidAddressException with a message for the user when the name breaks a rule
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidAddressException("a user name is required");
        }
        String name;
        try {
            name = Precis.usernameCaseMapped(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException("a user name may only contain the letters a-z, digits and . _ -");
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            throw new InvalidAddressException(
                    "a user name has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z';
            boolean digit = c >= '0' && c <= '9';
            boolean punctuation = c == '.' || c == '_' || c == '-';
            if (!letter && !digit && !punctuation) {
                throw new InvalidAddressException(
                        "a user name may only contain the letters a-z, digits and . _ - (found '" + c + "')");
            }
            if (i == 0 && !letter) {
                throw new InvalidAddressException("a user name starts with a letter");
            }
            if (punctuation && isPunctuation(previous)) {
                throw new InvalidAddressException("a user name has no two of . _ - in a row");
            }
            previous = c;
        }
        if (isPunctuation(previous)) {
            throw new InvalidAddressException("a user name ends with a letter or a digit");
        }
        return name;
    }

    /** Normalises a name and refuses the reserved ones; used when a new name is registered. */
    public static String normalizeNew(String raw) {
        String name = normalize(raw);
        if (RESERVED.contains(name)) {
            throw new InvalidAddressException("the name '" + name + "' is reserved");
        }
        return name;
    }

    private static boolean isPunctuation(char c) {
        return c == '.' || c == '_' || c == '-';
    }
}
