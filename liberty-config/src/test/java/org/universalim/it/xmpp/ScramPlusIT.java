package org.universalim.it.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.ScramClient;
import org.universalim.it.Users;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCRAM with channel binding over XMPP over TCP (docs/xmpp-tcp.md, RFC 5802 section 6, RFC 5929
 * {@code tls-server-end-point}, XEP-0440): the -PLUS mechanisms are offered with the binding type on TLS connections
 * of both ports and a client logs in with SCRAM-SHA-256-PLUS; binding data of another certificate (a relaying man in
 * the middle) fails, and a client saying it supports binding while choosing a plain mechanism (it saw no -PLUS: the
 * offer was tampered with) is refused. The client is our own (RFC 5802): Smack 4.5's SCRAM-SHA-1-PLUS, off by default
 * in Smack, hashes the certificate with the name of its key's algorithm ("EC", "RSA") and cannot log in anywhere; the
 * other tests' Smack clients check that offering -PLUS leaves their SCRAM-SHA-1 log-in as it was.
 */
class ScramPlusIT {

    private static final String CB_NS = "urn:xmpp:sasl-cb:0";

    static final IspServer isp = IspServer.a();

    @Test
    void aRawClientBindsToTheServersCertificateAndAWrongBindingOrADowngradeIsRefused() throws Exception {
        String bob = Users.register(isp, "bob", true);

        try (RawTcpXmpp plain = RawTcpXmpp.plain(isp)) {
            String beforeTls = plain.open();
            assertThat(beforeTls).as("nothing of SASL before TLS").doesNotContain("SCRAM").doesNotContain(CB_NS);
            X509Certificate cert = plain.startTls();
            String features = plain.open();
            assertThat(features).contains("<mechanism>SCRAM-SHA-256-PLUS</mechanism>", "<mechanism>SCRAM-SHA-1-PLUS</mechanism>",
                    "<mechanism>SCRAM-SHA-256</mechanism>");
            assertThat(features).containsPattern("<sasl-channel-binding xmlns=\"" + CB_NS + "\">\\s*"
                    + "<channel-binding type=\"tls-server-end-point\"\\s*/>");
            String outcome = plain.scram("SCRAM-SHA-256-PLUS",
                    new ScramClient(bob, Users.PASSWORD, "p=tls-server-end-point,,", endPoint(cert)));
            assertThat(outcome).contains("<success");
        }

        try (RawTcpXmpp direct = RawTcpXmpp.directTls(isp)) {
            direct.open();
            byte[] wrong = endPoint(direct.certificate());
            wrong[0] ^= 1;
            assertThat(direct.scram("SCRAM-SHA-256-PLUS", new ScramClient(bob, Users.PASSWORD, "p=tls-server-end-point,,", wrong)))
                    .contains("<failure").contains("<not-authorized").doesNotContain("<success");
            // a binding type we do not offer
            assertThat(direct.scram("SCRAM-SHA-256-PLUS", new ScramClient(bob, Users.PASSWORD, "p=tls-exporter,,", new byte[32])))
                    .contains("<failure").doesNotContain("<success");
            // 'y': the client supports binding but saw no -PLUS, which we offered (RFC 5802 section 6)
            assertThat(direct.scram("SCRAM-SHA-256", new ScramClient(bob, Users.PASSWORD, "y,,", new byte[0])))
                    .contains("<failure").contains("server-does-support-channel-binding").doesNotContain("<success");
        }
    }

    /** RFC 5929 section 4.1 for the test CA's certificates (signed with SHA256withECDSA): SHA-256 of the DER encoding. */
    private static byte[] endPoint(X509Certificate cert) throws Exception {
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    }
}
