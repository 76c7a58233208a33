package org.universalim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client side of SASL SCRAM-SHA-1 (RFC 5802) without channel binding ({@code n,,}). One instance per
 * authentication exchange. The salted password is cached per (password, salt, iterations), as RFC 5802
 * allows a client to do, so that repeated logins measure the server and not the driver's PBKDF2; the
 * cache can be kept in a file between runs ({@link #loadCache}, {@link #saveCache}).
 */
final class Scram {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ConcurrentHashMap<String, byte[]> SALTED = new ConcurrentHashMap<>();
    private static final AtomicBoolean CACHE_CHANGED = new AtomicBoolean();

    private final String user;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    Scram(String user, String password) {
        this(user, password, newNonce());
    }

    Scram(String user, String password, String clientNonce) {
        this.user = user;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    private static String newNonce() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** The client-first-message, e.g. {@code n,,n=user,r=nonce}. */
    String clientFirst() {
        clientFirstBare = "n=" + saslName(user) + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    /** Takes the server-first-message and answers the client-final-message with the proof. */
    String clientFinal(String serverFirst) {
        String nonce = attribute(serverFirst, 'r');
        String salt = attribute(serverFirst, 's');
        String iterations = attribute(serverFirst, 'i');
        if (nonce == null || salt == null || iterations == null) {
            throw new IllegalStateException("bad SCRAM server-first-message: " + serverFirst);
        }
        if (!nonce.startsWith(clientNonce)) {
            throw new IllegalStateException("server nonce does not extend the client nonce");
        }
        int i = Integer.parseInt(iterations);
        byte[] salted = SALTED.computeIfAbsent(cacheKey(salt, i), k -> {
            CACHE_CHANGED.set(true);
            return pbkdf2(password, Base64.getDecoder().decode(salt), i);
        });
        String withoutProof = "c=biws,r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha1(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = clientKey.clone();
        for (int k = 0; k < proof.length; k++) {
            proof[k] ^= clientSignature[k];
        }
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = hmac(serverKey, authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /** True if {@link #clientFinal} will not need PBKDF2 for this server-first-message. */
    boolean isCached(String serverFirst) {
        String salt = attribute(serverFirst, 's');
        String iterations = attribute(serverFirst, 'i');
        return salt != null && iterations != null && SALTED.containsKey(cacheKey(salt, Integer.parseInt(iterations)));
    }

    private String cacheKey(String salt, int iterations) {
        return sha256Hex(password) + ':' + salt + ':' + iterations;
    }

    /** Loads cached salted passwords ("key value" lines) written by {@link #saveCache}; a missing file is fine. */
    static void loadCache(Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                SALTED.putIfAbsent(line.substring(0, sp), Base64.getDecoder().decode(line.substring(sp + 1)));
            }
        }
    }

    /** Writes the cache if it gained entries. */
    static void saveCache(Path file) throws IOException {
        if (file == null || !CACHE_CHANGED.get()) {
            return;
        }
        List<String> lines = new ArrayList<>(SALTED.size());
        for (Map.Entry<String, byte[]> e : SALTED.entrySet()) {
            lines.add(e.getKey() + ' ' + Base64.getEncoder().encodeToString(e.getValue()));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the server-final-message ({@code v=...}); false if the server did not prove it knows the key. */
    boolean verifyServerFinal(String serverFinal) {
        String v = attribute(serverFinal, 'v');
        return v != null && expectedServerSignature != null
                && MessageDigest.isEqual(Base64.getDecoder().decode(v), expectedServerSignature);
    }

    /** SASL PLAIN initial response (RFC 4616) without authorization identity. */
    static String plain(String user, String password) {
        return "\u0000" + user + "\u0000" + password;
    }

    static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        return null;
    }

    private static String saslName(String s) {
        return s.replace("=", "=3D").replace(",", "=2C");
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 160);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
