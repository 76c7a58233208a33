package org.universalim.registration.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two SCRAM mechanisms we store credentials for (RFC 5802, RFC 7677). */
public enum ScramMechanism {
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

    private final String saslName;
    private final String digest;
    private final String hmac;

    ScramMechanism(String saslName, String digest, String hmac) {
        this.saslName = saslName;
        this.digest = digest;
        this.hmac = hmac;
    }

    /** The SASL mechanism name, e.g. {@code SCRAM-SHA-256}. */
    public String saslName() {
        return saslName;
    }

    public static ScramMechanism bySaslName(String name) {
        for (ScramMechanism m : values()) {
            if (m.saslName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is part of every Java runtime", e);
        }
    }

    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(hmac + " is part of every Java runtime", e);
        }
    }

    /** Hi() of RFC 5802 section 2.2: PBKDF2 with this mechanism's HMAC and one output block. */
    byte[] hi(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(hmac);
            // an empty password is not a valid HMAC key for SecretKeySpec; SASLprep refuses it earlier
            mac.init(new SecretKeySpec(password, hmac));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(hmac + " is part of every Java runtime", e);
        }
    }
}
