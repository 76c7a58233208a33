package org.universalim.routing.boundary;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatchingUpTest {

    private final CatchingUp catchingUp = new CatchingUp();

    @Test
    void whatWaitedIsWrittenOnceInOrderEvenWhenTheSessionCatchesUpAgain() {
        ClientSession pc = new RoutingFakes.Device("bob", "pc", true);
        catchingUp.opened(pc);
        List<String> written = new ArrayList<>();
        assertThat(catchingUp.writeOrWait(pc, () -> true, () -> written.add("m1"))).isEqualTo(CatchingUp.Write.WAITING);
        assertThat(catchingUp.writeOrWait(pc, () -> true, () -> written.add("m2"))).isEqualTo(CatchingUp.Write.WAITING);

        catchingUp.caughtUpNow(pc);
        catchingUp.catchUp(pc); // a second offer: the device became available again
        catchingUp.caughtUpNow(pc);

        assertThat(written).containsExactly("m1", "m2");
        assertThat(catchingUp.writeOrWait(pc, () -> true, () -> written.add("late"))).isEqualTo(CatchingUp.Write.DONE);
    }

    @Test
    void otherOffersWaitUntilTheProtocolAskedForTheStoredMessages() {
        ClientSession pc = new RoutingFakes.Device("bob", "pc", true);
        catchingUp.opened(pc);
        assertThat(catchingUp.isReady(pc)).isFalse();
        catchingUp.ready(pc);
        assertThat(catchingUp.isReady(pc)).isTrue();
        catchingUp.closed(pc);
        assertThat(catchingUp.isReady(pc)).isFalse();
    }
}
