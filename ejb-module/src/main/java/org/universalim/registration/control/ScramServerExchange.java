package org.universalim.registration.control;

import org.universalim.registration.entity.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server side of one SCRAM authentication exchange (RFC 5802 section 5, RFC 7677), without channel
 * binding: {@code client-first} &rarr; {@code server-first}, {@code client-final} &rarr;
 * {@code server-final}. Not thread-safe; one instance per exchange.
 *
 * <p>An unknown user gets a server-first message with a salt derived from the name, and fails only at
 * the proof, so the exchange does not tell who has an account.
 */
public final class ScramServerExchange {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_MESSAGE = 4096;
    private static final byte[] DECOY_KEY = Scram.newSalt();

    private enum State { INITIAL, FIRST_SENT, DONE }

    private final ScramMechanism mechanism;
    private final Function<String, Optional<ScramCredential>> credentials;
    private final int decoyIterations;
    private final String serverNonce;

    private State state = State.INITIAL;
    private String username;
    private String authorizationId;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramCredential credential;
    private boolean knownUser;

    /**
     * @param credentials     looks a SCRAM user name up; empty when there is no such account
     * @param decoyIterations iteration count shown for unknown users (use the configured one)
     */
    public ScramServerExchange(ScramMechanism mechanism, Function<String, Optional<ScramCredential>> credentials,
                               int decoyIterations) {
        this(mechanism, credentials, decoyIterations, randomNonce());
    }

    /** With a fixed server nonce, for the RFC test vectors. */
    ScramServerExchange(ScramMechanism mechanism, Function<String, Optional<ScramCredential>> credentials,
                        int decoyIterations, String serverNonce) {
        this.mechanism = mechanism;
        this.credentials = credentials;
        this.decoyIterations = decoyIterations;
        this.serverNonce = serverNonce;
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /** The user name the client gave (unescaped); known after {@link #clientFirst}. */
    public String username() {
        return username;
    }

    /** The authorization identity the client asked for, or {@code null}. */
    public String authorizationId() {
        return authorizationId;
    }

    /** Handles client-first-message and answers server-first-message. */
    public String clientFirst(String message) throws ScramException {
        if (state != State.INITIAL) {
            throw new ScramException("other-error", "client-first sent twice");
        }
        if (message == null || message.length() > MAX_MESSAGE) {
            throw new ScramException("other-error", "missing or oversized client-first message");
        }
        // gs2-header: gs2-cbind-flag "," [authzid] ","
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (firstComma < 0 || secondComma < 0) {
            throw new ScramException("other-error", "malformed gs2 header");
        }
        String cbindFlag = message.substring(0, firstComma);
        if (cbindFlag.startsWith("p=")) {
            throw new ScramException("channel-binding-not-supported", "channel binding is not offered");
        }
        if (!cbindFlag.equals("n") && !cbindFlag.equals("y")) {
            throw new ScramException("other-error", "malformed channel binding flag");
        }
        String authz = message.substring(firstComma + 1, secondComma);
        if (!authz.isEmpty()) {
            if (!authz.startsWith("a=")) {
                throw new ScramException("other-error", "malformed authzid");
            }
            authorizationId = unescape(authz.substring(2));
        }
        gs2Header = message.substring(0, secondComma + 1);
        clientFirstBare = message.substring(secondComma + 1);
        String[] attributes = clientFirstBare.split(",", -1);
        if (attributes.length < 2 || attributes[0].startsWith("m=")) {
            throw new ScramException("extensions-not-supported", "mandatory extensions are not supported");
        }
        if (!attributes[0].startsWith("n=") || !attributes[1].startsWith("r=") || attributes[1].length() < 3) {
            throw new ScramException("other-error", "expected n= and r= attributes");
        }
        username = unescape(attributes[0].substring(2));
        String clientNonce = attributes[1].substring(2);
        checkPrintable(clientNonce);
        nonce = clientNonce + serverNonce;

        Optional<ScramCredential> found = credentials.apply(username);
        knownUser = found.isPresent();
        credential = found.orElseGet(this::decoy);
        serverFirst = "r=" + nonce + ",s=" + credential.saltBase64() + ",i=" + credential.iterations();
        state = State.FIRST_SENT;
        return serverFirst;
    }

    /**
     * Handles client-final-message. On success answers server-final-message ({@code v=...}); on a bad
     * proof throws with {@code invalid-proof}.
     */
    public String clientFinal(String message) throws ScramException {
        if (state != State.FIRST_SENT) {
            throw new ScramException("other-error", "client-final out of order");
        }
        state = State.DONE;
        if (message == null || message.length() > MAX_MESSAGE) {
            throw new ScramException("other-error", "missing or oversized client-final message");
        }
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new ScramException("other-error", "no proof");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")) {
            throw new ScramException("other-error", "expected c= and r= attributes");
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!attributes[0].substring(2).equals(expectedBinding)) {
            throw new ScramException("channel-bindings-dont-match", "channel binding data differs");
        }
        if (!attributes[1].substring(2).equals(nonce)) {
            throw new ScramException("other-error", "nonce differs");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new ScramException("invalid-encoding", "proof is not base64");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = credential.storedKey();
        byte[] clientSignature = mechanism.hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            throw new ScramException("invalid-proof", "wrong proof length");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(mechanism.hash(clientKey), storedKey) || !knownUser) {
            throw new ScramException("invalid-proof", "authentication failed");
        }
        byte[] serverSignature = mechanism.hmac(credential.serverKey(), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    private ScramCredential decoy() {
        byte[] salt = java.util.Arrays.copyOf(mechanism.hmac(DECOY_KEY, username.getBytes(StandardCharsets.UTF_8)),
                Scram.SALT_BYTES);
        byte[] noKey = new byte[mechanism.hash(new byte[0]).length];
        RANDOM.nextBytes(noKey);
        return new ScramCredential(salt, decoyIterations, noKey, noKey);
    }

    private static void checkPrintable(String nonce) throws ScramException {
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                throw new ScramException("other-error", "nonce has non-printable characters");
            }
        }
    }

    static String unescape(String saslName) throws ScramException {
        StringBuilder out = new StringBuilder(saslName.length());
        for (int i = 0; i < saslName.length(); i++) {
            char c = saslName.charAt(i);
            if (c == '=') {
                String code = saslName.length() >= i + 3 ? saslName.substring(i + 1, i + 3) : "";
                if (code.equals("2C")) {
                    out.append(',');
                } else if (code.equals("3D")) {
                    out.append('=');
                } else {
                    throw new ScramException("invalid-username-encoding", "bad escape in user name");
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String randomNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '-').replace('/', '_');
    }
}
