package org.universalim.it.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs a {@link TextSocket} in, as a client of either protocol does: the Local protocol's {@code login}
 * frame, or an XMPP stream with SCRAM-SHA-256 (RFC 7677), a restart and a resource binding (RFC 7395).
 */
final class Logins {

    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    /** What a leaving XMPP client sends before its close frame (RFC 7395 section 3.6). */
    static final String XMPP_CLOSE = "<close xmlns='" + FRAMING + "'/>";
    /** What a leaving Local client sends before its close frame. */
    static final String LOCAL_LOGOUT = "{\"type\":\"logout\",\"id\":\"bye\"}";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CONTENT = Pattern.compile(">([^<]*)<");
    /** Salted passwords by salt and password: RFC 5802 lets a client keep them, and it keeps the test fast. */
    private static final Map<String, byte[]> SALTED = new ConcurrentHashMap<>();

    private Logins() {
    }

    /** Logs in to {@code /ws/local} as {@code user} on {@code device}; fails when refused. */
    static void local(TextSocket socket, String user, String password, String device, Duration wait) {
        socket.send(Json.createObjectBuilder().add("type", "login").add("id", "l1").add("user", user)
                .add("password", password).add("device", device).build().toString());
        while (true) {
            JsonObject frame = json(socket.next(wait));
            if ("l1".equals(frame.getString("id", null))) {
                if (!"result".equals(frame.getString("type"))) {
                    throw new AssertionError("log-in of " + user + " refused: " + frame);
                }
                return;
            }
        }
    }

    /** Opens a stream to {@code /xmpp-websocket}, authenticates with SCRAM-SHA-256 and binds {@code resource}. */
    static void xmpp(TextSocket socket, String domain, String user, String password, String resource, Duration wait) {
        String open = "<open xmlns='" + FRAMING + "' to='" + domain + "' version='1.0'/>";
        socket.send(open);
        until(socket, "<stream:features", wait);
        String nonce = Base64.getEncoder().encodeToString(bytes(18));
        String clientFirstBare = "n=" + user + ",r=" + nonce;
        socket.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>"
                + base64("n,," + clientFirstBare) + "</auth>");
        String challenge = until(socket, "<challenge", wait);
        String serverFirst = unbase64(content(challenge));
        String serverNonce = attribute(serverFirst, 'r');
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, 's'));
        int iterations = Integer.parseInt(attribute(serverFirst, 'i'));
        if (!serverNonce.startsWith(nonce)) {
            throw new AssertionError("server nonce does not extend ours: " + serverFirst);
        }
        byte[] salted = SALTED.computeIfAbsent(attribute(serverFirst, 's') + ":" + iterations + ":" + password,
                k -> pbkdf2(password, salt, iterations));
        String withoutProof = "c=biws,r=" + serverNonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] signature = hmac(sha256(clientKey), authMessage);
        byte[] proof = clientKey.clone();
        for (int i = 0; i < proof.length; i++) {
            proof[i] ^= signature[i];
        }
        socket.send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + base64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)) + "</response>");
        String outcome = until(socket, "<success|<failure", wait);
        if (!outcome.startsWith("<success")) {
            throw new AssertionError("log-in of " + user + " refused: " + outcome);
        }
        socket.send(open);
        until(socket, "<stream:features", wait);
        socket.send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        String bound = until(socket, "<iq", wait);
        if (!bound.contains("type=\"result\"")) {
            throw new AssertionError("binding refused: " + bound);
        }
    }

    /** The next frame that starts with one of the {@code |}-separated prefixes; others are skipped. */
    private static String until(TextSocket socket, String prefixes, Duration wait) {
        while (true) {
            String frame = socket.next(wait);
            for (String prefix : prefixes.split("\\|")) {
                if (frame.startsWith(prefix)) {
                    return frame;
                }
            }
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String content(String element) {
        Matcher m = CONTENT.matcher(element);
        return m.find() ? m.group(1) : "";
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() > 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new AssertionError("no " + name + " in " + message);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
