package org.universalim.registration.boundary;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    @Test
    void aUserNameInTheLogIsOneQuotedLineWithoutControlsOrBidiOverrides() {
        assertThat(LoginThrottle.printable("alice")).isEqualTo("\"alice\"");
        assertThat(LoginThrottle.printable("eve\nWARNING forged line")).isEqualTo("\"eve?WARNING forged line\"");
        assertThat(LoginThrottle.printable("\u202Enimda")).isEqualTo("\"?nimda\"");
        assertThat(LoginThrottle.printable("x".repeat(100))).isEqualTo("\"" + "x".repeat(64) + "…\"");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        assertThat(new Admission(LoginDoor.HTTP, "a", "b", now.plusMillis(1), false).retryAfterSeconds(now)).isEqualTo(1);
        assertThat(new Admission(LoginDoor.HTTP, "a", "b", now.plusMillis(4001), true).retryAfterSeconds(now)).isEqualTo(5);
        assertThat(new Admission(LoginDoor.HTTP, "a", "b", now.minusSeconds(3), false).retryAfterSeconds(now)).isEqualTo(1);
        assertThat(new Admission(LoginDoor.HTTP, "a", "b", null, false).admitted()).isTrue();
        assertThat(new Admission(LoginDoor.XMPP, "a", "b", now.plusSeconds(4), true).reason(now))
                .isEqualTo("too many failed log-ins: try again in 4 s");
    }
}
