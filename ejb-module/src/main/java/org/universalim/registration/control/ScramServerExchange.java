package org.universalim.registration.control;

import org.universalim.registration.entity.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server side of one SCRAM authentication exchange (RFC 5802 section 5, RFC 7677), with or without
 * channel binding (the {@code -PLUS} mechanisms, RFC 5802 section 6): {@code client-first} &rarr;
 * {@code server-first}, {@code client-final} &rarr; {@code server-final}. Not thread-safe; one instance per exchange.
 *
 * <p>On a connection with a channel binding (the server offered {@code -PLUS}), a client of a plain mechanism that
 * says it supports binding ({@code y}) is refused: it would only say so if someone removed the {@code -PLUS}
 * mechanisms from the offer it saw (downgrade protection). A {@code -PLUS} exchange must bind to the connection's
 * type and data.
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
    private final ChannelBinding binding;
    private final boolean plus;

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
        this(mechanism, credentials, decoyIterations, null, false);
    }

    /**
     * @param binding the connection's channel binding, {@code null} when it has none (then no {@code -PLUS} was offered)
     * @param plus    the client chose the {@code -PLUS} variant of the mechanism (needs a binding)
     */
    public ScramServerExchange(ScramMechanism mechanism, Function<String, Optional<ScramCredential>> credentials,
                               int decoyIterations, ChannelBinding binding, boolean plus) {
        this(mechanism, credentials, decoyIterations, randomNonce(), binding, plus);
    }

    /** With a fixed server nonce, for the RFC test vectors. */
    ScramServerExchange(ScramMechanism mechanism, Function<String, Optional<ScramCredential>> credentials,
                        int decoyIterations, String serverNonce) {
        this(mechanism, credentials, decoyIterations, serverNonce, null, false);
    }

    ScramServerExchange(ScramMechanism mechanism, Function<String, Optional<ScramCredential>> credentials,
                        int decoyIterations, String serverNonce, ChannelBinding binding, boolean plus) {
        if (plus && binding == null) {
            throw new IllegalArgumentException("a -PLUS exchange needs the connection's channel binding");
        }
        this.mechanism = mechanism;
        this.credentials = credentials;
        this.decoyIterations = decoyIterations;
        this.serverNonce = serverNonce;
        this.binding = binding;
        this.plus = plus;
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
        Gs2Header gs2 = Gs2Header.parse(message);
        checkBinding(gs2);
        authorizationId = gs2.authorizationId();
        gs2Header = gs2.raw();
        clientFirstBare = gs2.rest();
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
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] cbindInput = header;
        if (plus) {
            cbindInput = java.util.Arrays.copyOf(header, header.length + binding.data().length);
            System.arraycopy(binding.data(), 0, cbindInput, header.length, binding.data().length);
        }
        String expectedBinding = Base64.getEncoder().encodeToString(cbindInput);
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

    /** RFC 5802 section 6 and 7: the gs2-cbind-flag against the mechanism chosen and the connection. */
    private void checkBinding(Gs2Header gs2) throws ScramException {
        if (plus) {
            if (gs2.flag() != 'p') {
                throw new ScramException("other-error", "a -PLUS mechanism needs p=<channel binding type>");
            }
            if (!gs2.bindingType().equals(binding.type())) {
                throw new ScramException("unsupported-channel-binding-type", "offered: " + binding.type());
            }
            return;
        }
        if (gs2.flag() == 'p') {
            throw new ScramException("channel-binding-not-supported", "channel binding needs a -PLUS mechanism");
        }
        if (gs2.flag() == 'y' && binding != null) {
            // the client supports binding and thinks we do not: it did not see our -PLUS mechanisms (a downgrade)
            throw new ScramException("server-does-support-channel-binding", "the -PLUS mechanisms were offered");
        }
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
