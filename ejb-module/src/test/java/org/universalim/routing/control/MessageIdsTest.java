package org.universalim.routing.control;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client id gives one message id per account and attempt, the same on every node and after every restart. */
class MessageIdsTest {

    @Test
    void theSameClientIdOfTheSameAccountIsTheSameIdAndOthersAreNot() {
        String id = MessageIds.of("isp-a.example", "alice", "c-1", 0);
        assertThat(MessageIds.of("isp-a.example", "alice", "c-1", 0)).isEqualTo(id);
        assertThat(MessageIds.of("isp-a.example", "bob", "c-1", 0)).isNotEqualTo(id);
        assertThat(MessageIds.of("isp-b.example", "alice", "c-1", 0)).isNotEqualTo(id);
        assertThat(MessageIds.of("isp-a.example", "alice", "c-2", 0)).isNotEqualTo(id);
        assertThat(MessageIds.of("isp-a.example", "alice", "c-1", 1)).isNotEqualTo(id);
        // fields do not run into each other
        assertThat(MessageIds.of("isp-a.example", "alice", "1", 0)).isNotEqualTo(MessageIds.of("isp-a.example", "alice1", "", 0));
    }

    @Test
    void itIsAVersion8Uuid() {
        UUID uuid = UUID.fromString(MessageIds.of("isp-a.example", "alice", "c-1", 0));
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void aClientIdIsBoundedAndPrintable() {
        assertThat(MessageIds.clientId(null, 128)).isNull();
        assertThat(MessageIds.clientId("x".repeat(128), 128)).hasSize(128);
        assertThatThrownBy(() -> MessageIds.clientId("x".repeat(129), 128)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> MessageIds.clientId(" ", 128)).hasMessageContaining("not blank");
        assertThatThrownBy(() -> MessageIds.clientId("a\nb", 128)).hasMessageContaining("control");
    }
}
