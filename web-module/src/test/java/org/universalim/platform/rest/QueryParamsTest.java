package org.universalim.platform.rest;

import org.junit.jupiter.api.Test;
import org.universalim.platform.InvalidRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest {

    @Test
    void readsWholeNumbersInRangeAndRefusesTheRest() {
        assertThat(QueryParams.integer("limit", null, 25, 0, 100)).isEqualTo(25);
        assertThat(QueryParams.integer("limit", " 7 ", 25, 0, 100)).isEqualTo(7);
        for (String bad : new String[]{"4294967296", "-1", "1.5", "x", "99999999999999999999999"}) {
            assertThatThrownBy(() -> QueryParams.integer("limit", bad, 25, 0, 100)).as(bad)
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("limit");
        }
    }

    @Test
    void everyStatusHasACodeAndASentence() {
        for (int status = 400; status < 600; status++) {
            ErrorBody body = ErrorBody.forStatus(status);
            assertThat(body.status()).isEqualTo(status);
            assertThat(body.error()).matches("[a-z_]+");
            assertThat(body.message()).isNotBlank();
        }
        assertThat(ErrorBody.forStatus(413).error()).isEqualTo("payload_too_large");
    }
}
