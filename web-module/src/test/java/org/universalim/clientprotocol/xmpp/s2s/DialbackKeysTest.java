package org.universalim.clientprotocol.xmpp.s2s;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class DialbackKeysTest {

    @Test
    void theKeyIsTheHmacOfXep0185OverReceivingOriginatingAndTheStreamId() throws Exception {
        DialbackKeys keys = new DialbackKeys("s3cr3tf0rd14lb4ck");
        byte[] hexOfSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("s3cr3tf0rd14lb4ck".getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hexOfSha, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("example.net example.com D60000229F".getBytes(StandardCharsets.UTF_8)));
        assertThat(keys.key("example.net", "example.com", "D60000229F")).isEqualTo(expected);
        assertThat(keys.valid(expected, "example.net", "example.com", "D60000229F")).isTrue();
        assertThat(keys.valid(expected, "example.net", "example.com", "another-stream")).isFalse();
        assertThat(keys.valid(expected, "example.org", "example.com", "D60000229F")).isFalse();
        assertThat(keys.valid(null, "example.net", "example.com", "D60000229F")).isFalse();
    }

    @Test
    void withoutASecretEveryServerStartHasItsOwnKeys() {
        assertThat(new DialbackKeys(null).key("a.example", "b.example", "1")).isNotEqualTo(new DialbackKeys("").key("a.example", "b.example", "1"));
    }
}
