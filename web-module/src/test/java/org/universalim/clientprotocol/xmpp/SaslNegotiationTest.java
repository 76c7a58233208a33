package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.registration.control.Scram;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.ScramCredential;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SaslNegotiationTest {

    private static final String DOMAIN = "isp-a-u.example";
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Map<ScramMechanism, ScramCredential> stored = new HashMap<>();
    /** What the fake throttle was told: "admit user", "ok user", "failed user". */
    private final List<String> throttle = new ArrayList<>();
    private String refuseWith;

    private final SaslNegotiation.Accounts accounts = new SaslNegotiation.Accounts() {
        @Override
        public Optional<ScramCredential> scram(String userName, ScramMechanism mechanism) {
            throttle.add("lookup " + userName);
            return userName.equals("alice") ? Optional.of(stored.computeIfAbsent(mechanism,
                    m -> Scram.credential(m, "pencil pencil", SALT, 4096))) : Optional.empty();
        }

        @Override
        public Optional<String> plain(String userName, String password) {
            return userName.equals("alice") && password.equals("pencil pencil") ? Optional.of("alice") : Optional.empty();
        }

        @Override
        public Optional<String> admit(String userName) {
            throttle.add("admit " + userName);
            return Optional.ofNullable(refuseWith);
        }

        @Override
        public void outcome(String userName, boolean success) {
            throttle.add((success ? "ok " : "failed ") + userName);
        }
    };

    /** On an encrypted connection (PLAIN offered). */
    private SaslNegotiation negotiation() {
        return new SaslNegotiation(accounts, DOMAIN, 4096, true);
    }

    private SaslNegotiation plaintext() {
        return new SaslNegotiation(accounts, DOMAIN, 4096, false);
    }

    @Test
    void plainIsOfferedAndAcceptedOnlyOnEncryptedConnections() {
        assertThat(SaslNegotiation.offered(true)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(SaslNegotiation.offered(false)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
        assertThat(condition(plaintext().start("PLAIN", b64("\0alice\0pencil pencil")))).isEqualTo("encryption-required");
        assertThat(condition(plaintext().start("plain", ""))).isEqualTo("encryption-required");
        assertThat(throttle).as("no password was checked").isEmpty();
    }

    @Test
    void theThrottleIsAskedOnceTheUserIsKnownAndToldTheOutcome() throws Exception {
        negotiation().start("PLAIN", b64("\0alice\0pencil pencil"));
        negotiation().start("PLAIN", b64("\0alice\0wrong"));
        scram(negotiation(), ScramMechanism.SHA_256, "pencil pencil");
        scram(negotiation(), ScramMechanism.SHA_1, "wrong");
        assertThat(throttle).containsExactly("admit alice", "ok alice", "admit alice", "failed alice",
                "admit alice", "lookup alice", "ok alice", "admit alice", "lookup alice", "failed alice");
    }

    @Test
    void aThrottledAttemptIsATemporaryFailureWithoutCheckingThePassword() {
        refuseWith = "too many failed log-ins: try again in 7 s";
        assertThat(negotiation().start("PLAIN", b64("\0alice\0pencil pencil")))
                .isEqualTo(new SaslNegotiation.Failure("temporary-auth-failure", refuseWith));
        assertThat(negotiation().start("SCRAM-SHA-256", b64("n,,n=alice,r=abcdefgh")))
                .isEqualTo(new SaslNegotiation.Failure("temporary-auth-failure", refuseWith));
        assertThat(throttle).as("no credential looked up, no outcome").containsExactly("admit alice", "admit alice");
    }

    @Test
    void anAbandonedOrMalformedExchangeIsNoGuess() {
        SaslNegotiation n = negotiation();
        n.start("SCRAM-SHA-256", b64("n,,n=alice,r=abcdefgh"));
        n.abort();
        negotiation().start("PLAIN", b64("bob\0alice\0pencil pencil"));
        negotiation().start("SCRAM-SHA-256", b64("not a client-first message"));
        assertThat(throttle).containsExactly("admit alice", "lookup alice");
    }

    @Test
    void thePlusMechanismsAreOfferedFirstOnlyWithAChannelBinding() {
        assertThat(SaslNegotiation.offered(true, true))
                .containsExactly("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(SaslNegotiation.offered(true, false)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(condition(negotiation().start("SCRAM-SHA-256-PLUS", null))).as("no binding, no -PLUS")
                .isEqualTo("invalid-mechanism");
        SaslNegotiation bound = new SaslNegotiation(accounts, DOMAIN, 4096, true,
                new org.universalim.registration.control.ChannelBinding("tls-server-end-point", new byte[] {1, 2}));
        assertThat(bound.start("SCRAM-SHA-256-PLUS", b64("p=tls-server-end-point,,n=alice,r=abc")))
                .isInstanceOf(SaslNegotiation.Challenge.class);
        SaslNegotiation downgraded = new SaslNegotiation(accounts, DOMAIN, 4096, true,
                new org.universalim.registration.control.ChannelBinding("tls-server-end-point", new byte[] {1, 2}));
        assertThat(condition(downgraded.start("SCRAM-SHA-256", b64("y,,n=alice,r=abc")))).isEqualTo("not-authorized");
    }

    @Test
    void selectsOnlyTheMechanismsOffered() {
        assertThat(SaslNegotiation.MECHANISMS).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(SaslNegotiation.select("scram-sha-1")).isEqualTo("SCRAM-SHA-1");
        assertThat(SaslNegotiation.select("DIGEST-MD5")).isNull();
        assertThat(SaslNegotiation.select("SCRAM-SHA-1-PLUS")).isNull();
        assertThat(negotiation().start("DIGEST-MD5", null)).isInstanceOf(SaslNegotiation.Failure.class)
                .extracting(s -> ((SaslNegotiation.Failure) s).condition()).isEqualTo("invalid-mechanism");
    }

    @Test
    void plainChecksThePasswordAndTheAuthorizationIdentity() {
        assertThat(negotiation().start("PLAIN", b64("\0alice\0pencil pencil"))).isEqualTo(new SaslNegotiation.Success("alice", null));
        assertThat(negotiation().start("PLAIN", b64("alice@" + DOMAIN + "\0alice\0pencil pencil")))
                .isInstanceOf(SaslNegotiation.Success.class);
        assertThat(condition(negotiation().start("PLAIN", b64("\0alice\0wrong")))).isEqualTo("not-authorized");
        assertThat(condition(negotiation().start("PLAIN", b64("bob\0alice\0pencil pencil")))).isEqualTo("invalid-authzid");
        assertThat(condition(negotiation().start("PLAIN", b64("alice\0pencil pencil")))).isEqualTo("malformed-request");
        assertThat(condition(negotiation().start("PLAIN", "not base64!"))).isEqualTo("incorrect-encoding");
    }

    @Test
    void plainWithoutAnInitialResponseGetsAnEmptyChallenge() {
        SaslNegotiation n = negotiation();
        assertThat(n.start("PLAIN", "")).isEqualTo(new SaslNegotiation.Challenge(""));
        assertThat(n.respond(b64("\0alice\0pencil pencil"))).isInstanceOf(SaslNegotiation.Success.class);
    }

    @Test
    void scramSha1AndSha256SucceedWithTheRightPassword() throws Exception {
        for (ScramMechanism m : ScramMechanism.values()) {
            SaslNegotiation.Step last = scram(negotiation(), m, "pencil pencil");
            assertThat(last).as(m.saslName()).isInstanceOf(SaslNegotiation.Success.class);
            assertThat(((SaslNegotiation.Success) last).userName()).isEqualTo("alice");
        }
    }

    @Test
    void scramFailsWithAWrongPasswordOrAnUnknownUser() throws Exception {
        assertThat(condition(scram(negotiation(), ScramMechanism.SHA_1, "wrong password"))).isEqualTo("not-authorized");
        SaslNegotiation n = negotiation();
        SaslNegotiation.Step first = n.start("SCRAM-SHA-1", b64("n,,n=nobody,r=abcdefgh"));
        assertThat(first).as("an unknown user still gets a challenge").isInstanceOf(SaslNegotiation.Challenge.class);
    }

    @Test
    void anAbortEndsTheExchange() {
        SaslNegotiation n = negotiation();
        n.start("SCRAM-SHA-1", null);
        assertThat(condition(n.abort())).isEqualTo("aborted");
        assertThat(n.isDone()).isTrue();
    }

    /** A SCRAM client (RFC 5802) run against the negotiation; answers the last step. */
    private static SaslNegotiation.Step scram(SaslNegotiation n, ScramMechanism m, String password) throws Exception {
        String clientFirstBare = "n=alice,r=fyko+d2lbbFgONRv9qkxdawL";
        SaslNegotiation.Step step = n.start(m.saslName(), b64("n,," + clientFirstBare));
        String serverFirst = new String(Base64.getDecoder().decode(((SaslNegotiation.Challenge) step).data()), StandardCharsets.UTF_8);
        Map<String, String> attrs = new HashMap<>();
        for (String a : serverFirst.split(",")) {
            attrs.put(a.substring(0, 1), a.substring(2));
        }
        assertThat(attrs.get("r")).startsWith("fyko+d2lbbFgONRv9qkxdawL");
        byte[] salted = Scram.saltedPassword(m, password, Base64.getDecoder().decode(attrs.get("s")), Integer.parseInt(attrs.get("i")));
        byte[] clientKey = Scram.clientKey(m, salted);
        String digest = m == ScramMechanism.SHA_1 ? "SHA-1" : "SHA-256";
        String hmac = m == ScramMechanism.SHA_1 ? "HmacSHA1" : "HmacSHA256";
        byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
        String clientFinalWithoutProof = "c=biws,r=" + attrs.get("r");
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = mac(hmac, storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        SaslNegotiation.Step last = n.respond(b64(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)));
        if (last instanceof SaslNegotiation.Success s) {
            String expected = "v=" + Base64.getEncoder().encodeToString(mac(hmac, Scram.serverKey(m, salted), authMessage));
            assertThat(new String(Base64.getDecoder().decode(s.data()), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        return last;
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    private static String condition(SaslNegotiation.Step step) {
        return step instanceof SaslNegotiation.Failure f ? f.condition() : "no failure: " + step;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
