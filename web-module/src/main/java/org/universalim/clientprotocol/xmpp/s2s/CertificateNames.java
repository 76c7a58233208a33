package org.universalim.clientprotocol.xmpp.s2s;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate names an XMPP domain (RFC 6120 13.7.1.2, RFC 6125, RFC 7590): one of its DNS names
 * (subjectAltName dNSName) is the domain, or a wildcard {@code *.example.org} standing for exactly one left-most label.
 * The subject's common name does not count.
 */
public final class CertificateNames {

    private static final int DNS_NAME = 2;

    private CertificateNames() {
    }

    public static boolean names(X509Certificate certificate, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        for (String name : dnsNames(certificate)) {
            if (matches(name.toLowerCase(Locale.ROOT), wanted)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String name, String domain) {
        if (name.startsWith("*.")) {
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot + 1).equals(name.substring(2)) && name.indexOf('.', 2) > 0;
        }
        return name.equals(domain);
    }

    static List<String> dnsNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(n -> n.size() >= 2 && Integer.valueOf(DNS_NAME).equals(n.get(0)))
                    .map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
