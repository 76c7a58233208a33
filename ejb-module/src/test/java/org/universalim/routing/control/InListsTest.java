package org.universalim.routing.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lists of any length become a few lengths, holding the same values. */
class InListsTest {

    @Test
    void aListIsPaddedToThePowerOfTwoAboveWithItsLastValue() {
        assertThat(InLists.padded(List.of("a"))).containsExactly("a");
        assertThat(InLists.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(InLists.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(InLists.padded(List.of("a", "b", "c", "d", "e"))).hasSize(8).endsWith("e", "e", "e", "e");
    }

    @Test
    void fiveHundredLengthsBecomeTenStatementsWithTheSameValues() {
        Set<Integer> lengths = new HashSet<>();
        for (int n = 1; n <= 512; n++) {
            List<Integer> values = IntStream.range(0, n).boxed().toList();
            List<Integer> padded = InLists.padded(values);
            lengths.add(padded.size());
            assertThat(new HashSet<>(padded)).isEqualTo(new HashSet<>(values));
        }
        assertThat(lengths).containsExactlyInAnyOrder(1, 2, 4, 8, 16, 32, 64, 128, 256, 512);
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> InLists.padded(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
