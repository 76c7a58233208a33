package org.universalim.registration.control;

import java.text.Normalizer;

/**
 * Password preparation before hashing, after SASLprep (RFC 4013): non-ASCII spaces become a space, the
 * characters "commonly mapped to nothing" are removed, the result is put in NFKC form, and control
 * characters are refused. Clients that do the same (as SCRAM requires) compute the same keys.
 * Unassigned code points and the bidirectional checks of RFC 3454 are not applied.
 */
public final class SaslPrep {

    private SaslPrep() {
    }

    public static String prepare(String password) {
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(cp -> {
            if (mapsToNothing(cp)) {
                return;
            }
            mapped.appendCodePoint(isNonAsciiSpace(cp) ? ' ' : cp);
        });
        String prepared = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < prepared.length(); i++) {
            char c = prepared.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD' || Character.getType(c) == Character.PRIVATE_USE) {
                throw new IllegalArgumentException("a password may not contain control or private-use characters");
            }
        }
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("a password is not empty");
        }
        return prepared;
    }

    private static boolean mapsToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }
}
