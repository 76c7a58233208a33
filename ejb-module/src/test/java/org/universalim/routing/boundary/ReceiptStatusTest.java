package org.universalim.routing.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiptStatusTest {

    @Test
    void theStatusesOfThisReleaseAreKnownByTheirWireNames() {
        assertThat(ReceiptStatus.of("delivered")).isSameAs(ReceiptStatus.DELIVERED);
        assertThat(ReceiptStatus.of("stored")).isSameAs(ReceiptStatus.STORED);
        assertThat(ReceiptStatus.of("failed")).isSameAs(ReceiptStatus.FAILED);
        assertThat(ReceiptStatus.DELIVERED.known()).isTrue();
    }

    @Test
    void aStatusOfALaterReleaseIsKeptAsGivenAndNotKnown() {
        ReceiptStatus later = ReceiptStatus.of("displayed");
        assertThat(later.wire()).isEqualTo("displayed");
        assertThat(later.known()).isFalse();
        assertThat(later).isNotEqualTo(ReceiptStatus.DELIVERED);
    }

    @Test
    void aReceiptHasAStatus() {
        assertThatThrownBy(() -> ReceiptStatus.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReceiptStatus.of(null)).isInstanceOf(NullPointerException.class);
    }
}
