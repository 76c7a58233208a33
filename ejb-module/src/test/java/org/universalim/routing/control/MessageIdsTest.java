package org.universalim.routing.control;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void aRandomIdIsAVersion7UuidThatSortsByItsMillisecond() {
        UUID uuid = UUID.fromString(MessageIds.random());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(), within(60_000L));
        assertThat(MessageIds.random()).isNotEqualTo(MessageIds.random());
        // ids of later milliseconds sort after earlier ones as text, as the primary key's index sorts them
        String earlier = MessageIds.timeOrdered(1_700_000_000_000L, -1L, -1L).toString();
        String later = MessageIds.timeOrdered(1_700_000_000_001L, 0L, 0L).toString();
        assertThat(later).isGreaterThan(earlier);
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
