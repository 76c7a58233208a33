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
        assertThat(catchingUp.writeOrWait(pc, RoutingFakes.message("m1", "bob", 1), () -> true, () -> written.add("m1"))).isEqualTo(CatchingUp.Write.WAITING);
        assertThat(catchingUp.writeOrWait(pc, RoutingFakes.message("m2", "bob", 2), () -> true, () -> written.add("m2"))).isEqualTo(CatchingUp.Write.WAITING);

        catchingUp.caughtUpNow(pc);
        catchingUp.catchUp(pc); // a second offer: the device became available again
        catchingUp.caughtUpNow(pc);

        assertThat(written).containsExactly("m1", "m2");
        assertThat(catchingUp.writeOrWait(pc, RoutingFakes.message("late", "bob", 3), () -> true, () -> written.add("late"))).isEqualTo(CatchingUp.Write.DONE);
    }

    @Test
    void aStoredMessageIsWrittenAfterTheWaitingOnesAcceptedBeforeItAndBeforeTheOthers() {
        ClientSession pc = new RoutingFakes.Device("bob", "pc", true);
        catchingUp.opened(pc);
        List<String> written = new ArrayList<>();
        catchingUp.writeOrWait(pc, RoutingFakes.message("m1", "bob", 1), () -> true, () -> written.add("m1"));
        catchingUp.writeOrWait(pc, RoutingFakes.message("m4", "bob", 4), () -> true, () -> written.add("m4"));

        assertThat(catchingUp.writeStored(pc, RoutingFakes.message("m2", "bob", 2), () -> written.add("m2"))).isTrue();
        assertThat(catchingUp.writeStored(pc, RoutingFakes.message("m3", "bob", 3), () -> written.add("m3"))).isTrue();
        catchingUp.caughtUpNow(pc);

        assertThat(written).containsExactly("m1", "m2", "m3", "m4");
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
