package org.universalim.address;

import rocks.xmpp.precis.InvalidCodePointException;
import rocks.xmpp.precis.InvalidDirectionalityException;
import rocks.xmpp.precis.PrecisProfile;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * The PRECIS profiles (RFC 8264) this server applies to what people type, on the {@code rocks.xmpp:precis}
 * library: {@link #usernameCaseMapped} for user names (RFC 8265 section 3.3), {@link #opaqueString} for passwords
 * and XMPP resourceparts (RFC 8265 section 4.2, RFC 7622 section 3.4), {@link #nickname} for what other users see
 * of someone: screen names, full names and device names (RFC 8266; case is kept, spaces are mapped and
 * collapsed). Every profile refuses control characters (C0 and C1), bidirectional controls such as U+202E,
 * invisible (default-ignorable) and unassigned code points. Failures are {@link IllegalArgumentException}s
 * whose message is a sentence for the person who typed the text.
 */
public final class Precis {

    private Precis() {
    }

    /** RFC 8266 enforcement: the text as it is stored and shown, or an exception saying what is wrong. */
    public static String nickname(String raw) {
        return enforce(PrecisProfiles.NICKNAME, raw);
    }

    /** RFC 8265 section 4.2 enforcement (passwords, XMPP resourceparts). */
    public static String opaqueString(String raw) {
        return enforce(PrecisProfiles.OPAQUE_STRING, raw);
    }

    /** RFC 8265 section 3.3 enforcement: width-mapped, lower case, NFC, identifier characters only. */
    public static String usernameCaseMapped(String raw) {
        return enforce(PrecisProfiles.USERNAME_CASE_MAPPED, raw);
    }

    private static String enforce(PrecisProfile profile, String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("is required");
        }
        // the library trims with String.trim(), which would drop controls at either end silently: refuse them all
        raw.codePoints().filter(cp -> Character.getType(cp) == Character.CONTROL).findFirst().ifPresent(cp -> {
            throw new IllegalArgumentException(refusal(cp));
        });
        String enforced;
        try {
            enforced = profile.enforce(raw);
        } catch (InvalidDirectionalityException e) {
            throw new IllegalArgumentException("mixes right-to-left and left-to-right text in a way that can be misread");
        } catch (InvalidCodePointException e) {
            throw new IllegalArgumentException(refused(profile, raw));
        } catch (IllegalArgumentException e) {
            // the library refuses an empty result
            throw new IllegalArgumentException("is empty");
        }
        if (enforced.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        return enforced;
    }

    /** Names the first character the profile refuses, e.g. "may not contain U+202E (a control or invisible character)". */
    private static String refused(PrecisProfile profile, String raw) {
        int[] codePoints = raw.codePoints().toArray();
        for (int cp : codePoints) {
            if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
                continue;
            }
            try {
                profile.enforce(new String(Character.toChars(cp)));
            } catch (RuntimeException e) {
                return refusal(cp);
            }
        }
        return "may not contain control, invisible, unassigned or private-use characters";
    }

    private static String refusal(int cp) {
        return "may not contain " + String.format("U+%04X", cp) + " (" + kind(cp) + ")";
    }

    private static String kind(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL -> "a control character";
            case Character.FORMAT -> "an invisible formatting or direction character";
            case Character.UNASSIGNED -> "an unassigned character";
            case Character.PRIVATE_USE -> "a private-use character";
            case Character.SURROGATE -> "a lone surrogate";
            default -> "a character not allowed here";
        };
    }
}
