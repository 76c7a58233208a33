package org.universalim.clientprotocol.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameAssemblerTest {

    @Test
    void assemblesPartsAndPassesWholeMessagesThrough() throws Exception {
        FrameAssembler a = new FrameAssembler(16);
        assertThat(a.append("whole", true)).isEqualTo("whole");
        assertThat(a.append("par", false)).isNull();
        assertThat(a.append("ts", true)).isEqualTo("parts");
        assertThat(a.append("again", true)).isEqualTo("again");
    }

    @Test
    void refusesAMessageOverTheLimitCountingUtf8Bytes() throws Exception {
        FrameAssembler a = new FrameAssembler(16);
        assertThat(a.append("x".repeat(16), true)).hasSize(16);
        assertThatThrownBy(() -> a.append("x".repeat(17), true)).isInstanceOf(FrameAssembler.TooBig.class);
        a.append("é".repeat(4), false);
        assertThatThrownBy(() -> a.append("é".repeat(5), true)).isInstanceOf(FrameAssembler.TooBig.class);
        // the assembler starts afresh after a refusal
        assertThat(a.append("ok", true)).isEqualTo("ok");
        assertThat(FrameAssembler.utf8Length("a\u00e9\u20ac\uD83D\uDE00")).isEqualTo(1 + 2 + 3 + 4);
    }
}
