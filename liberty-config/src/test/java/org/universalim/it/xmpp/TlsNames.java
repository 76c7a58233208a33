package org.universalim.it.xmpp;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The DNS names a server's certificate is for (its subject alternative names). */
record TlsNames(List<String> dns) {

    TlsNames(Certificate[] chain) throws CertificateParsingException {
        this(names((X509Certificate) chain[0]));
    }

    static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> name : alternatives) {
                if (Integer.valueOf(2).equals(name.get(0))) {
                    names.add((String) name.get(1));
                }
            }
        }
        return names;
    }

    void require(String domain) {
        if (!dns.contains(domain)) {
            throw new IllegalStateException("the certificate is for " + dns + ", not " + domain);
        }
    }
}
