package org.universalim.registration.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The channel binding of one TLS connection for SCRAM's {@code -PLUS} mechanisms (RFC 5802 section 6): a type name as
 * registered by IANA and the data both ends compute from their TLS connection.
 *
 * <p>Only {@code tls-server-end-point} (RFC 5929 section 4) is made here: the hash of the server's certificate, which
 * the JDK gives from the {@code SSLSession}. {@code tls-exporter} (RFC 9266, the binding of TLS 1.3) needs keying
 * material exported from the TLS session, which Java 17's JSSE does not offer (the API came with Java 25), and
 * {@code tls-unique} does not exist for TLS 1.3 and is not exposed by the JDK for 1.2.
 */
public record ChannelBinding(String type, byte[] data) {

    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    /**
     * {@code tls-server-end-point} of a server certificate: its DER encoding hashed with the hash of its signature
     * algorithm, SHA-256 when that is MD5 or SHA-1 (RFC 5929 section 4.1); {@code null} when the algorithm names no
     * single hash we know (e.g. EdDSA, RSASSA-PSS without a digest in its name).
     */
    public static ChannelBinding tlsServerEndPoint(X509Certificate certificate) {
        String hash = hashOf(certificate.getSigAlgName());
        if (hash == null) {
            return null;
        }
        try {
            return new ChannelBinding(TLS_SERVER_END_POINT, MessageDigest.getInstance(hash).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return null;
        }
    }

    /** The JDK name of the hash of RFC 5929's rule for a signature algorithm such as {@code SHA384withECDSA}. */
    static String hashOf(String signatureAlgorithm) {
        String a = signatureAlgorithm.toUpperCase(Locale.ROOT);
        int with = a.indexOf("WITH");
        if (with <= 0) {
            return null;
        }
        return switch (a.substring(0, with)) {
            case "MD5", "SHA1", "SHA-1", "SHA256", "SHA-256" -> "SHA-256";
            case "SHA384", "SHA-384" -> "SHA-384";
            case "SHA512", "SHA-512" -> "SHA-512";
            default -> null;
        };
    }
}
