package org.universalim.registration.control;

import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Deriving and checking SCRAM credentials (RFC 5802 section 3): SaltedPassword = Hi(password, salt, i),
 * ClientKey = HMAC(SaltedPassword, "Client Key"), StoredKey = H(ClientKey),
 * ServerKey = HMAC(SaltedPassword, "Server Key").
 */
public final class Scram {

    /** The smallest iteration count we accept; RFC 7677 asks for at least 4096. */
    public static final int MIN_ITERATIONS = IspSettings.MIN_SCRAM_ITERATIONS;
    public static final int SALT_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] saltedPassword(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        byte[] prepared = SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8);
        return mechanism.hi(prepared, salt, iterations);
    }

    public static byte[] clientKey(ScramMechanism mechanism, byte[] saltedPassword) {
        return mechanism.hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] serverKey(ScramMechanism mechanism, byte[] saltedPassword) {
        return mechanism.hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
    }

    /** The credential a server stores for a password; the password itself is not kept. */
    public static ScramCredential credential(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(mechanism, password, salt, iterations);
        byte[] storedKey = mechanism.hash(clientKey(mechanism, salted));
        return new ScramCredential(salt, iterations, storedKey, serverKey(mechanism, salted));
    }

    public static ScramCredential newCredential(ScramMechanism mechanism, String password, int iterations) {
        return credential(mechanism, password, newSalt(), iterations);
    }

    /** Checks a plain password (PLAIN login, REST, the Local protocol) against a stored credential. */
    public static boolean verify(ScramMechanism mechanism, String password, ScramCredential credential) {
        byte[] salted;
        try {
            salted = saltedPassword(mechanism, password, credential.salt(), credential.iterations());
        } catch (IllegalArgumentException unpreparable) {
            return false;
        }
        byte[] storedKey = mechanism.hash(clientKey(mechanism, salted));
        return MessageDigest.isEqual(storedKey, credential.storedKey());
    }
}
