package org.universalim.routing.boundary;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SendResultTest {

    @Test
    void clientsSeeEachOutcomeByTheNameTheProtocolDocumentsGive() {
        assertThat(Arrays.stream(SendResult.Status.values()).map(SendResult.Status::wire))
                .containsExactly("sent", "stored", "forwarded", "failed", "dropped");
    }

    @Test
    void onlyAFailureIsNotOk() {
        assertThat(SendResult.failed("m", "code", "why").ok()).isFalse();
        assertThat(Arrays.stream(SendResult.Status.values()).filter(s -> s != SendResult.FAILED)
                .allMatch(s -> new SendResult("m", s, null, null, null).ok())).isTrue();
    }
}
