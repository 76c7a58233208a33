package org.universalim.clientprotocol.xmpp.s2s;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Server Dialback keys (XEP-0220 with XEP-0185): {@code HMAC-SHA256(SHA256(secret), receiving + " " + originating + " " +
 * streamId)} in hex. Only this server (and the other nodes of the ISP, which share the secret) can make the key of a
 * stream id, so the receiving server, asking us over a connection of its own, learns that the key came from us.
 */
public final class DialbackKeys {

    private final byte[] secretKey;

    /** With the configured secret, or a random one when none is configured (then one node only). */
    public DialbackKeys(String secret) {
        String s = secret;
        if (s == null || s.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            s = HexFormat.of().formatHex(random);
        }
        try {
            secretKey = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String key(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((receiving + " " + originating + " " + streamId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code key} is ours for this stream (in constant time). */
    public boolean valid(String key, String receiving, String originating, String streamId) {
        if (key == null || streamId == null) {
            return false;
        }
        return MessageDigest.isEqual(key.strip().getBytes(StandardCharsets.US_ASCII),
                key(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII));
    }
}
