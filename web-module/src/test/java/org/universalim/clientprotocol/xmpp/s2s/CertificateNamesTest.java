package org.universalim.clientprotocol.xmpp.s2s;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateNamesTest {

    @Test
    void aDnsNameOrAOneLabelWildcardNamesTheDomain() {
        assertThat(CertificateNames.matches("prosody.example", "prosody.example")).isTrue();
        assertThat(CertificateNames.matches("*.example.org", "chat.example.org")).isTrue();
        assertThat(CertificateNames.matches("*.example.org", "a.chat.example.org")).isFalse();
        assertThat(CertificateNames.matches("*.example.org", "example.org")).isFalse();
        assertThat(CertificateNames.matches("*.org", "example.org")).isFalse();
        assertThat(CertificateNames.matches("isp-b-u.example", "isp-x.example")).isFalse();
    }
}
