package org.universalim.privacy.control;

import org.junit.jupiter.api.Test;
import org.universalim.privacy.entity.StrangerPolicy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision table of a message to a local user: blocks first, contacts always, strangers by the policy. */
class StrangerRuleTest {

    static final BooleanSupplier CONTACT = () -> true;
    static final BooleanSupplier STRANGER = () -> false;

    @Test
    void aBlockedSenderGetsNothingThroughWhateverThePolicyAndEvenAsAContact() {
        for (StrangerPolicy policy : StrangerPolicy.values()) {
            assertThat(StrangerRule.decide(true, policy, CONTACT)).isEqualTo(Admission.BLOCKED);
            assertThat(StrangerRule.decide(true, policy, STRANGER)).isEqualTo(Admission.BLOCKED);
        }
    }

    @Test
    void aContactAlwaysGetsThrough() {
        for (StrangerPolicy policy : StrangerPolicy.values()) {
            assertThat(StrangerRule.decide(false, policy, CONTACT)).isEqualTo(Admission.DELIVER);
        }
    }

    @Test
    void aStrangerMeetsThePolicy() {
        assertThat(StrangerRule.decide(false, StrangerPolicy.ALLOW, STRANGER)).isEqualTo(Admission.DELIVER);
        assertThat(StrangerRule.decide(false, StrangerPolicy.NO_OFFLINE, STRANGER)).isEqualTo(Admission.DELIVER_NOT_STORED);
        assertThat(StrangerRule.decide(false, StrangerPolicy.REFUSE, STRANGER)).isEqualTo(Admission.REFUSED);
    }

    @Test
    void theRosterIsNotAskedWhenEverybodyIsAllowed() {
        AtomicInteger asked = new AtomicInteger();
        StrangerRule.decide(false, StrangerPolicy.ALLOW, () -> asked.incrementAndGet() > 0);
        StrangerRule.decide(true, StrangerPolicy.REFUSE, () -> asked.incrementAndGet() > 0);

        assertThat(asked).hasValue(0);
    }

    @Test
    void policiesReadTheirWireNames() {
        assertThat(StrangerPolicy.parse("no-offline")).isEqualTo(StrangerPolicy.NO_OFFLINE);
        assertThat(StrangerPolicy.parse(" Refuse ")).isEqualTo(StrangerPolicy.REFUSE);
        assertThat(StrangerPolicy.NO_OFFLINE.wireName()).isEqualTo("no_offline");
        assertThatThrownBy(() -> StrangerPolicy.parse("maybe")).isInstanceOf(IllegalArgumentException.class);
    }
}
