package org.universalim.registration.control;

import org.junit.jupiter.api.Test;
import org.universalim.registration.entity.ScramCredential;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCRAM -PLUS (RFC 5802 section 6) with tls-server-end-point (RFC 5929 section 4). */
class ChannelBindingTest {

    private static final ChannelBinding BINDING = new ChannelBinding(ChannelBinding.TLS_SERVER_END_POINT, new byte[] {1, 2, 3, 4});
    private static final String PLUS_HEADER = "p=tls-server-end-point,,";
    /** A self-signed EC certificate signed with SHA384withECDSA (openssl req -x509 -sha384). */
    private static final String CERTIFICATE =
            "-----BEGIN CERTIFICATE-----\n" +
            "MIIBgjCCASmgAwIBAgIUFGow1a7Y1pCjcHMVf01I5AEg30owCgYIKoZIzj0EAwMw\n" +
            "FzEVMBMGA1UEAwwMdGVzdC5leGFtcGxlMB4XDTI2MTIwNjEwMjEwOFoXDTM2MTIw\n" +
            "MzEwMjEwOFowFzEVMBMGA1UEAwwMdGVzdC5leGFtcGxlMFkwEwYHKoZIzj0CAQYI\n" +
            "KoZIzj0DAQcDQgAEM66IWh9fPesvElXAzUxBJgxmMxcJzC8qRaS2t5F+6A0KN6FA\n" +
            "wY9Z6/weknunKhTt5tQfgDAwiMiivZGTGcuAcaNTMFEwHQYDVR0OBBYEFDR/7yUt\n" +
            "v4BiIkgeVcbrZn2nPy/cMB8GA1UdIwQYMBaAFDR/7yUtv4BiIkgeVcbrZn2nPy/c\n" +
            "MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwMDRwAwRAIgfR59+0kYoa16s9sH\n" +
            "1NcogxauZ/9B9mag0yvU0sJkAJgCIDmv1uGQQ0RZF/NSeByHXXSYnp0FnuB7XEQr\n" +
            "MTUdvuOU\n" +
            "-----END CERTIFICATE-----\n";

    @Test
    void theHashFollowsTheCertificatesSignatureAlgorithm() {
        assertThat(ChannelBinding.hashOf("SHA256withECDSA")).isEqualTo("SHA-256");
        assertThat(ChannelBinding.hashOf("SHA1withRSA")).as("SHA-1 is replaced by SHA-256").isEqualTo("SHA-256");
        assertThat(ChannelBinding.hashOf("MD5withRSA")).as("MD5 too").isEqualTo("SHA-256");
        assertThat(ChannelBinding.hashOf("SHA384withECDSA")).isEqualTo("SHA-384");
        assertThat(ChannelBinding.hashOf("SHA512withRSA")).isEqualTo("SHA-512");
        assertThat(ChannelBinding.hashOf("Ed25519")).isNull();
        assertThat(ChannelBinding.hashOf("RSASSA-PSS")).isNull();
    }

    @Test
    void theBindingDataIsTheHashOfTheCertificate() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE.getBytes(StandardCharsets.US_ASCII)));
        assertThat(cert.getSigAlgName()).isEqualTo("SHA384withECDSA");
        ChannelBinding b = ChannelBinding.tlsServerEndPoint(cert);
        assertThat(b.type()).isEqualTo("tls-server-end-point");
        assertThat(b.data()).isEqualTo(MessageDigest.getInstance("SHA-384").digest(cert.getEncoded()));
    }

    @Test
    void aPlusExchangeBindsToTheConnection() throws Exception {
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            ScramCredential stored = Scram.newCredential(mechanism, "correct horse", 4096);
            ScramServerExchange exchange = new ScramServerExchange(mechanism, user -> Optional.of(stored), 4096, BINDING, true);
            TestScramClient client = new TestScramClient(mechanism, "alice", "correct horse", PLUS_HEADER, BINDING.data());
            String serverFinal = exchange.clientFinal(client.clientFinal(exchange.clientFirst(client.clientFirst())));
            assertThat(client.verifyServerFinal(serverFinal)).isTrue();
        }
    }

    @Test
    void anotherConnectionsBindingDataFails() throws Exception {
        ScramCredential stored = Scram.newCredential(ScramMechanism.SHA_256, "correct horse", 4096);
        ScramServerExchange exchange = new ScramServerExchange(ScramMechanism.SHA_256, user -> Optional.of(stored), 4096, BINDING, true);
        // a man in the middle relays the exchange: the client's TLS ends at him, so it binds to his certificate
        TestScramClient client = new TestScramClient(ScramMechanism.SHA_256, "alice", "correct horse", PLUS_HEADER, new byte[] {6, 6, 6});
        String clientFinal = client.clientFinal(exchange.clientFirst(client.clientFirst()));
        assertThatThrownBy(() -> exchange.clientFinal(clientFinal))
                .isInstanceOfSatisfying(ScramException.class, e -> assertThat(e.serverError()).isEqualTo("channel-bindings-dont-match"));
    }

    @Test
    void aPlusExchangeNeedsTheConnectionsBindingType() {
        assertThat(serverError(BINDING, true, "p=tls-exporter,,n=alice,r=abc")).isEqualTo("unsupported-channel-binding-type");
        assertThat(serverError(BINDING, true, "n,,n=alice,r=abc")).isEqualTo("other-error");
        assertThat(serverError(BINDING, true, "y,,n=alice,r=abc")).isEqualTo("other-error");
    }

    @Test
    void aClientThatSupportsBindingIsRefusedAPlainMechanismWhenPlusWasOffered() {
        // RFC 5802 section 6: 'y' means the client saw no -PLUS; we offered it, so the offer was tampered with
        assertThat(serverError(BINDING, false, "y,,n=alice,r=abc")).isEqualTo("server-does-support-channel-binding");
        assertThat(serverError(BINDING, false, "p=tls-server-end-point,,n=alice,r=abc")).isEqualTo("channel-binding-not-supported");
        // without a binding on the connection (no -PLUS offered), 'y' and 'n' are fine
        assertThat(serverError(null, false, "y,,n=alice,r=abc")).isNull();
        assertThat(serverError(BINDING, false, "n,,n=alice,r=abc")).isNull();
    }

    private static String serverError(ChannelBinding binding, boolean plus, String clientFirst) {
        try {
            new ScramServerExchange(ScramMechanism.SHA_256, user -> Optional.empty(), 4096, binding, plus).clientFirst(clientFirst);
            return null;
        } catch (ScramException e) {
            return e.serverError();
        }
    }
}
