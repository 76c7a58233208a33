package org.universalim.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An {@code Authorization} header read as HTTP Basic (RFC 7617, UTF-8): no Basic credentials, a user name
 * and password, or something that cannot be read as either (refused like a wrong password, never a 500).
 */
public sealed interface BasicCredentials {

    /** Longest header read; longer ones are malformed (a user name and password fit easily). */
    int MAX_HEADER = 4096;

    /** No header, or another scheme than Basic. */
    record Absent() implements BasicCredentials {
    }

    /** {@code Basic} with a token that is no base64 of UTF-8 {@code user:password}. */
    record Malformed() implements BasicCredentials {
    }

    record Given(String user, String password) implements BasicCredentials {

        @Override
        public String toString() {
            return "Given[user=" + user + "]"; // never the password
        }
    }

    static BasicCredentials parse(String header) {
        if (header == null || header.isBlank()) {
            return new Absent();
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
            return new Absent();
        }
        if (space < 0 || h.length() > MAX_HEADER) {
            return new Malformed();
        }
        String token = h.substring(space + 1).strip();
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return new Malformed();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Malformed();
        }
        return new Given(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
