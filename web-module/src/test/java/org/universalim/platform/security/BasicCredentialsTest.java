package org.universalim.platform.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class BasicCredentialsTest {

    private static String basic(byte[] bytes) {
        return "Basic " + Base64.getEncoder().encodeToString(bytes);
    }

    private static String basic(String text) {
        return basic(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUserNameAndPassword() {
        assertThat(BasicCredentials.parse(basic("alice:correct horse battery")))
                .isEqualTo(new BasicCredentials.Given("alice", "correct horse battery"));
        assertThat(BasicCredentials.parse("basic " + Base64.getEncoder().encodeToString("alice:a:b".getBytes())))
                .as("the password may hold colons").isEqualTo(new BasicCredentials.Given("alice", "a:b"));
        assertThat(BasicCredentials.parse(basic("zoë:pässwörd"))).isEqualTo(new BasicCredentials.Given("zoë", "pässwörd"));
        assertThat(BasicCredentials.parse(basic("alice:"))).isEqualTo(new BasicCredentials.Given("alice", ""));
        assertThat(BasicCredentials.parse(basic("alice:secret")).toString()).doesNotContain("secret");
    }

    @Test
    void noBasicCredentials() {
        assertThat(BasicCredentials.parse(null)).isInstanceOf(BasicCredentials.Absent.class);
        assertThat(BasicCredentials.parse("  ")).isInstanceOf(BasicCredentials.Absent.class);
        assertThat(BasicCredentials.parse("Bearer abc.def")).isInstanceOf(BasicCredentials.Absent.class);
        assertThat(BasicCredentials.parse("Basically")).isInstanceOf(BasicCredentials.Absent.class);
    }

    @Test
    void whatCannotBeReadIsMalformedNeverAnException() {
        for (String header : new String[] {"Basic Zm9v", "Basic", "Basic ", "Basic !!!", "Basic Zm9v=====",
                basic(":"), basic(":password"), basic(new byte[] {(byte) 0xff, (byte) 0xfe, ':', 'x'}),
                "Basic " + "QUFB".repeat(2000)}) {
            assertThat(BasicCredentials.parse(header)).as(header.length() > 40 ? header.substring(0, 40) : header)
                    .isInstanceOf(BasicCredentials.Malformed.class);
        }
    }
}
