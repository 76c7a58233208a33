package org.universalim.routing.control;

import org.junit.jupiter.api.Test;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.routing.entity.ImMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The input checks of a message, the same for every protocol. */
class SendRequestCheckTest {

    @Test
    void aPlainMessageIsText() {
        assertThat(SendRequestCheck.checked("bob@isp-a.example", "hi", null, 0).application()).isEqualTo("text");
        assertThat(SendRequestCheck.checked("bob@isp-a.example", "hi", " ", 3).application()).isEqualTo("text");
    }

    @Test
    void anApplicationTypeIsNormalised() {
        assertThat(SendRequestCheck.checked("bob@isp-a.example", "{}", "Status-Check", 1).application()).isEqualTo("status-check");
        assertThat(SendRequestCheck.checked(" Bob@ISP-A.example ", "{}", null, 1).to()).hasToString("bob@isp-a.example");
    }

    @Test
    void everyRefusedFieldIsNamedAtOnce() {
        assertThatThrownBy(() -> SendRequestCheck.checked("not an address", "", "no spaces allowed", 4))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).errors()).extracting(FieldError::field)
                        .containsExactly("to", "body", "application", "securityLevel"));
    }

    @Test
    void aMissingRecipientAndAnOverlongBodyAreRefused() {
        assertThatThrownBy(() -> SendRequestCheck.checked(null, "x".repeat(ImMessage.MAX_BODY + 1), null, 0))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).errors()).extracting(FieldError::message)
                        .containsExactly("a recipient is required", "a message has at most " + ImMessage.MAX_BODY + " characters"));
        assertThatThrownBy(() -> SendRequestCheck.checked("bob@isp-a.example", "hi", null, -1))
                .isInstanceOf(InvalidRequestException.class);
    }
}
