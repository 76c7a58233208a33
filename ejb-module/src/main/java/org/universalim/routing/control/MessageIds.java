package org.universalim.routing.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Message ids. A message without a client id gets a time-ordered random UUID (version 7 of RFC 9562: the millisecond
 * first, then 74 random bits), so that the history's primary key grows at its end rather than at a random page (a
 * profile of the closed loop on Derby had a third of the journal's time in index inserts). A message a client gave its own id gets an id derived
 * from this ISP's domain, the sending account and that client id (a name-based UUID over SHA-256, version 8 of RFC
 * 9562), so that a resend of it, on whichever node and after whichever crash, carries the id of the first send and
 * meets it in the database. {@code attempt} counts past ids of the same client id that may no longer be used (another
 * message holds the id, or the first send is older than the window in which client ids are remembered).
 */
public final class MessageIds {

    /** How many derived ids a client id may use in turn before a random one is taken. */
    public static final int ATTEMPTS = 8;

    private MessageIds() {
    }

    public static String random() {
        UUID random = UUID.randomUUID(); // its bits come from a SecureRandom: ids stay unguessable
        return timeOrdered(System.currentTimeMillis(), random.getMostSignificantBits(), random.getLeastSignificantBits())
                .toString();
    }

    /** A version 7 UUID: 48 bits of milliseconds, the version, then the random bits and the RFC's variant. */
    static UUID timeOrdered(long millis, long random1, long random2) {
        long high = (millis << 16) | 0x7000L | (random1 & 0x0FFFL);
        long low = (random2 & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The id of a message with a client id, at the given attempt (0 first). */
    public static String of(String domain, String senderUser, String clientId, int attempt) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
        for (String part : new String[] {"universal-im message id", domain, senderUser, clientId, Integer.toString(attempt)}) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        ByteBuffer bytes = ByteBuffer.wrap(sha.digest(), 0, 16);
        long high = bytes.getLong();
        long low = bytes.getLong();
        high = (high & ~0xF000L) | 0x8000L; // version 8
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // the RFC's variant
        return new UUID(high, low).toString();
    }

    /**
     * A client id as given, or null when none is given.
     *
     * @throws IllegalArgumentException when it is longer than {@code max} characters, blank, or holds a control
     *                                  character
     */
    public static String clientId(String raw, int max) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank()) {
            throw new IllegalArgumentException("a client id is not blank");
        }
        if (raw.length() > max) {
            throw new IllegalArgumentException("a client id has at most " + max + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw new IllegalArgumentException("a client id has no control characters");
            }
        }
        return raw;
    }
}
