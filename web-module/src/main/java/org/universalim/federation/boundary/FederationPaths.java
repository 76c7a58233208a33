package org.universalim.federation.boundary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Which side of the port split a request path is on. A path has several spellings ({@code /%66ederation},
 * {@code /./federation}, {@code /federation;x}, {@code //federation}, {@code /FEDERATION}); the container
 * dispatches on the decoded, normalised one. So the decision is taken on every reading of the path: the
 * one the container dispatches on, ours (decoded and normalised strictly) and a lenient one (every escape
 * decoded, backslashes as slashes); a path any of them puts under {@code /federation} is a federation path.
 * On the federation port only the canonical spelling is taken.
 */
final class FederationPaths {

    private static final String ROOT = "/federation";

    /** Where the federation port serves anything. */
    static final String REST = "/federation/v1/";
    static final String SOAP = "/federation/soap";
    static final String INTERNAL = "/federation/internal/";

    private FederationPaths() {
    }

    /**
     * A request's path.
     *
     * @param raw        as sent, without the context path and query (undecoded)
     * @param dispatched what the container dispatches on (servlet path and path info)
     */
    record RequestPath(String raw, String dispatched) {

        /** Whether any reading of the path makes it a federation path (case ignored). */
        boolean federation() {
            return isFederation(dispatched) || normalise(raw).map(FederationPaths::isFederation).orElse(false)
                    || isFederation(lenient(raw));
        }

        /** Whether the path is spelt the one way the container dispatches it: no escapes, dots, parameters or doubled slashes. */
        boolean canonical() {
            return raw.equals(dispatched) && normalise(raw).map(raw::equals).orElse(false);
        }

        /** Whether the federation port serves this (canonical) path. */
        boolean served() {
            return dispatched.equals(SOAP) || served(REST) || served(INTERNAL);
        }

        boolean soap() {
            return dispatched.equals(SOAP);
        }

        boolean internal() {
            return dispatched.startsWith(INTERNAL);
        }

        private boolean served(String prefix) {
            return dispatched.startsWith(prefix) && dispatched.length() > prefix.length();
        }
    }

    static boolean isFederation(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.equals(ROOT) || p.startsWith(ROOT + "/");
    }

    /**
     * The path decoded and normalised strictly: path parameters dropped, each segment percent-decoded as
     * UTF-8, empty and {@code .} segments dropped, {@code ..} resolved. Empty when that cannot be done
     * safely: a bad escape, an encoded slash or backslash, a control character, {@code ..} above the root.
     */
    static Optional<String> normalise(String raw) {
        if (raw == null || !raw.startsWith("/") || raw.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : raw.substring(1).split("/", -1)) {
            int parameters = segment.indexOf(';');
            Optional<String> decoded = decode(parameters < 0 ? segment : segment.substring(0, parameters));
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            String s = decoded.get();
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(s);
        }
        String path = "/" + String.join("/", segments);
        return Optional.of(raw.endsWith("/") && !segments.isEmpty() ? path + "/" : path);
    }

    /** Every escape decoded (an encoded slash is a slash), backslashes taken as slashes, then normalised. */
    static String lenient(String raw) {
        String decoded = raw;
        for (int round = 0; round < 3 && decoded.indexOf('%') >= 0; round++) {
            decoded = decodeLoosely(decoded);
        }
        StringBuilder noParameters = new StringBuilder();
        for (String segment : decoded.replace('\\', '/').split("/", -1)) {
            int parameters = segment.indexOf(';');
            noParameters.append(parameters < 0 ? segment : segment.substring(0, parameters)).append('/');
        }
        String path = noParameters.substring(0, noParameters.length() - 1).replaceAll("[\\x00-\\x20]", "");
        return normalise(path.startsWith("/") ? path : "/" + path).orElse(path);
    }

    private static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return controlFree(segment) ? Optional.of(segment) : Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return text.indexOf('/') < 0 && text.indexOf('\\') < 0 && controlFree(text) ? Optional.of(text) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String decodeLoosely(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean controlFree(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
