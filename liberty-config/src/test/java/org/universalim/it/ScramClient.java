package org.universalim.it;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for the tests' raw XMPP clients: the messages as
 * text, without base64 framing. Passwords and user names are taken as they are (the tests use ASCII).
 */
public final class ScramClient {

    public static final String MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final String nonce;
    private final String gs2Header;
    private final byte[] bindingData;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    public ScramClient(String user, String password) {
        this(user, password, "n,,", new byte[0]);
    }

    /**
     * A client with another GS2 header: {@code y,,} (it supports channel binding but saw no -PLUS), or
     * {@code p=tls-server-end-point,,} with the channel binding data it computed from its TLS connection (SCRAM-SHA-256-PLUS).
     */
    public ScramClient(String user, String password, String gs2Header, byte[] bindingData) {
        this.user = user;
        this.password = password;
        this.gs2Header = gs2Header;
        this.bindingData = bindingData.clone();
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        this.nonce = Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code n,,n=user,r=nonce} (or the other GS2 header). */
    public String clientFirst() {
        clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
        return gs2Header + clientFirstBare;
    }

    /** The client's final message with its proof, for the server's first message. */
    public String clientFinal(String serverFirst) {
        Map<Character, String> fields = fields(serverFirst);
        String combined = fields.get('r');
        if (combined == null || !combined.startsWith(nonce)) {
            throw new IllegalArgumentException("the server's nonce does not extend ours: " + serverFirst);
        }
        byte[] salt = Base64.getDecoder().decode(fields.get('s'));
        int iterations = Integer.parseInt(fields.get('i'));
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
            byte[] cbind = java.util.Arrays.copyOf(header, header.length + bindingData.length);
            System.arraycopy(bindingData, 0, cbind, header.length, bindingData.length);
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + combined;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server's final message {@code v=...} proves it knows the password. */
    public boolean serverFinalValid(String serverFinal) {
        String v = fields(serverFinal).get('v');
        return v != null && expectedServerSignature != null
                && MessageDigest.isEqual(Base64.getDecoder().decode(v), expectedServerSignature);
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String unbase64(String text) {
        return new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
    }

    private static Map<Character, String> fields(String message) {
        Map<Character, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                fields.put(part.charAt(0), part.substring(2));
            }
        }
        return fields;
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
