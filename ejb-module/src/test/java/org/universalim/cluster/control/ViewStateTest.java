package org.universalim.cluster.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewStateTest {

    @Test
    void aHeartbeatThatFindsAnotherLiveNodeEndsBeingAloneAndChangesTheNumber() {
        ViewState alone = new ViewState(true, 4);

        ViewState next = alone.heartbeat(false, 4);

        assertThat(next).isEqualTo(new ViewState(false, 5));
    }

    @Test
    void aHeartbeatThatFindsNoOtherLiveNodeMakesTheNodeAlone() {
        assertThat(new ViewState(false, 5).heartbeat(true, 5)).isEqualTo(new ViewState(true, 6));
    }

    @Test
    void aHeartbeatThatChangesNothingKeepsTheNumberSoWhatWasKeptStaysTrusted() {
        ViewState alone = new ViewState(true, 6);
        assertThat(alone.heartbeat(true, 6)).isSameAs(alone);
        ViewState notAlone = new ViewState(false, 7);
        assertThat(notAlone.heartbeat(false, 7)).isSameAs(notAlone);
    }

    @Test
    void aNodeThatAnnouncesItselfEndsBeingAloneAtOnceBeforeTheNextHeartbeat() {
        ViewState alone = new ViewState(true, 6);

        ViewState told = alone.announced();

        assertThat(told.alone()).isFalse();
        assertThat(told.number()).isEqualTo(7);
        // told again while not alone: the number still changes (a heartbeat reading the table meanwhile may miss the row)
        assertThat(told.announced()).isEqualTo(new ViewState(false, 8));
    }

    @Test
    void aHeartbeatWhoseReadBeganBeforeAnAnnouncementDoesNotMakeTheNodeAloneAgain() {
        // the heartbeat began reading the node table at number 6; the announcing node's row may have come after its read
        ViewState told = new ViewState(true, 6).announced();

        assertThat(told.heartbeat(true, 6)).isSameAs(told);
        // the next heartbeat, begun after the announcement, decides: the node that announced itself is alive ...
        assertThat(told.heartbeat(false, 7)).isSameAs(told);
        // ... or died meanwhile
        assertThat(told.heartbeat(true, 7)).isEqualTo(new ViewState(true, 8));
    }

    @Test
    void whatWasKeptWhileAloneIsTrustedOnlyWhileAloneAndInTheSameViewOrALaterOne() {
        ViewState alone = new ViewState(true, 6);
        assertThat(alone.trusts(6)).isTrue();
        // read by a thread that already saw a later view (alone too): read after this one's view, so no older
        assertThat(alone.trusts(7)).isTrue();
        // read before another node joined, or while another node lived: not trusted
        assertThat(alone.trusts(5)).isFalse();
        assertThat(new ViewState(false, 6).trusts(6)).isFalse();
        // alone again after another node joined and left: what was read before it joined stays untrusted
        ViewState againAlone = alone.announced().heartbeat(true, 7);
        assertThat(againAlone.alone()).isTrue();
        assertThat(againAlone.trusts(6)).isFalse();
        assertThat(againAlone.trusts(againAlone.number())).isTrue();
    }

    @Test
    void aNodeBeforeItsFirstHeartbeatCountsItselfAlone() {
        assertThat(ViewState.FIRST.alone()).isTrue();
        assertThat(ViewState.FIRST.heartbeat(false, 0)).isEqualTo(new ViewState(false, 1));
    }
}
