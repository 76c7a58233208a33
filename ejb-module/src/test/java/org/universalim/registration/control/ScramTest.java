package org.universalim.registration.control;

import org.junit.jupiter.api.Test;
import org.universalim.registration.entity.ScramCredential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCRAM against the worked examples of RFC 7677 (SHA-256) and RFC 5802 (SHA-1). */
class ScramTest {

    private static final Base64.Decoder B64 = Base64.getDecoder();

    @Test
    void rfc7677TestVectorSha256() throws Exception {
        ScramCredential stored = Scram.credential(ScramMechanism.SHA_256, "pencil",
                B64.decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramServerExchange exchange = new ScramServerExchange(ScramMechanism.SHA_256,
                user -> user.equals("user") ? Optional.of(stored) : Optional.empty(), 4096,
                "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        String serverFirst = exchange.clientFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(serverFirst).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");

        String serverFinal = exchange.clientFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(serverFinal).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(exchange.username()).isEqualTo("user");
    }

    @Test
    void rfc5802TestVectorSha1() throws Exception {
        ScramCredential stored = Scram.credential(ScramMechanism.SHA_1, "pencil",
                B64.decode("QSXCR+Q6sek8bf92"), 4096);
        ScramServerExchange exchange = new ScramServerExchange(ScramMechanism.SHA_1,
                user -> Optional.of(stored), 4096, "3rfcNHYJY1ZVvWVs7j");

        assertThat(exchange.clientFirst("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")).isEqualTo(
                "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(exchange.clientFinal(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="))
                .isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void aWrongPasswordFailsWithInvalidProof() throws Exception {
        ScramCredential stored = Scram.newCredential(ScramMechanism.SHA_256, "pencil", 4096);
        ScramServerExchange exchange = new ScramServerExchange(ScramMechanism.SHA_256,
                user -> Optional.of(stored), 4096);
        TestScramClient client = new TestScramClient(ScramMechanism.SHA_256, "user", "crayon");
        String serverFirst = exchange.clientFirst(client.clientFirst());
        assertThatThrownBy(() -> exchange.clientFinal(client.clientFinal(serverFirst)))
                .isInstanceOfSatisfying(ScramException.class, e -> assertThat(e.serverError()).isEqualTo("invalid-proof"));
    }

    @Test
    void anUnknownUserLooksLikeAKnownOneUntilTheProof() throws Exception {
        ScramServerExchange first = new ScramServerExchange(ScramMechanism.SHA_256, user -> Optional.empty(), 4096);
        ScramServerExchange second = new ScramServerExchange(ScramMechanism.SHA_256, user -> Optional.empty(), 4096);
        TestScramClient client = new TestScramClient(ScramMechanism.SHA_256, "ghost", "pencil");
        String serverFirst = first.clientFirst(client.clientFirst());
        String again = second.clientFirst(client.clientFirst());
        // the same salt both times, as for a real account
        assertThat(serverFirst.substring(serverFirst.indexOf(",s="))).isEqualTo(again.substring(again.indexOf(",s=")));
        assertThat(serverFirst).endsWith(",i=4096");
        assertThatThrownBy(() -> first.clientFinal(client.clientFinal(serverFirst)))
                .isInstanceOfSatisfying(ScramException.class, e -> assertThat(e.serverError()).isEqualTo("invalid-proof"));
    }

    @Test
    void aFullExchangeWithOurClientAndARandomNonce() throws Exception {
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            ScramCredential stored = Scram.newCredential(mechanism, "correct horse", 4096);
            ScramServerExchange exchange = new ScramServerExchange(mechanism, user -> Optional.of(stored), 4096);
            TestScramClient client = new TestScramClient(mechanism, "al,ice=", "correct horse");
            String serverFinal = exchange.clientFinal(client.clientFinal(exchange.clientFirst(client.clientFirst())));
            assertThat(client.verifyServerFinal(serverFinal)).isTrue();
            assertThat(exchange.username()).isEqualTo("al,ice=");
        }
    }

    @Test
    void refusesChannelBindingAndMalformedMessages() {
        ScramServerExchange exchange = new ScramServerExchange(ScramMechanism.SHA_1, user -> Optional.empty(), 4096);
        assertThatThrownBy(() -> exchange.clientFirst("p=tls-unique,,n=user,r=abc"))
                .isInstanceOfSatisfying(ScramException.class,
                        e -> assertThat(e.serverError()).isEqualTo("channel-binding-not-supported"));
        for (String bad : new String[] {"", "n,", "n,,", "n,,r=abc", "x,,n=u,r=abc", "n,,n=u=ZZ,r=abc", "n,,m=ext,n=u,r=a"}) {
            ScramServerExchange fresh = new ScramServerExchange(ScramMechanism.SHA_1, user -> Optional.empty(), 4096);
            assertThatThrownBy(() -> fresh.clientFirst(bad)).as(bad).isInstanceOf(ScramException.class);
        }
    }

    @Test
    void verifiesPlainPasswordsAgainstStoredCredentials() {
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            ScramCredential stored = Scram.newCredential(mechanism, "s3cret pass", 4096);
            assertThat(Scram.verify(mechanism, "s3cret pass", stored)).isTrue();
            assertThat(Scram.verify(mechanism, "s3cret Pass", stored)).isFalse();
            assertThat(Scram.verify(mechanism, "", stored)).isFalse();
        }
    }

    @Test
    void saslPrepMapsSpacesAndSoftHyphens() {
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("a\u00A0b")).isEqualTo("a b");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
        assertThatThrownBy(() -> SaslPrep.prepare("a\u0007b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsKeepNoPassword() {
        ScramCredential c = Scram.newCredential(ScramMechanism.SHA_256, "pencil", 4096);
        assertThat(c.toString()).doesNotContain("pencil");
        assertThat(new String(c.storedKey(), StandardCharsets.ISO_8859_1)).doesNotContain("pencil");
        assertThat(c.storedKey()).hasSize(32);
        assertThat(c.salt()).hasSize(Scram.SALT_BYTES);
    }
}
