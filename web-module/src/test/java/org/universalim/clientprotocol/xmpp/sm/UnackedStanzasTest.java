package org.universalim.clientprotocol.xmpp.sm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XEP-0198's counts: acknowledged stanzas leave the queue, 'h' wraps at 2^32, a count too high is refused. */
class UnackedStanzasTest {

    private static UnackedStanzas.Entry stanza(String name) {
        return new UnackedStanzas.Entry("<" + name + "/>", null, null);
    }

    private static List<String> names(List<UnackedStanzas.Entry> entries) {
        return entries.stream().map(UnackedStanzas.Entry::stanza).toList();
    }

    @Test
    void anAcknowledgementTakesOffTheStanzasItCountsInOrder() throws Exception {
        UnackedStanzas q = new UnackedStanzas(10);
        q.add(stanza("a"), 0);
        q.add(stanza("b"), 0);
        q.add(stanza("c"), 0);
        assertThat(q.sent()).isEqualTo(3);
        assertThat(names(q.acknowledge(2))).containsExactly("<a/>", "<b/>");
        assertThat(names(q.acknowledge(2))).as("the same h again: nothing new").isEmpty();
        assertThat(names(q.pending())).containsExactly("<c/>");
        assertThat(q.sent()).isEqualTo(3);
    }

    @Test
    void moreThanWasSentIsRefusedAndChangesNothing() throws Exception {
        UnackedStanzas q = new UnackedStanzas(10);
        q.add(stanza("a"), 0);
        q.acknowledge(1);
        q.add(stanza("b"), 0);
        assertThatThrownBy(() -> q.acknowledge(3)).isInstanceOfSatisfying(UnackedStanzas.TooHigh.class, e -> {
            assertThat(e.h()).isEqualTo(3);
            assertThat(e.sent()).isEqualTo(2);
        });
        // an h below the one acknowledged before counts as (almost) 2^32 stanzas: refused as well
        assertThatThrownBy(() -> q.acknowledge(0)).isInstanceOf(UnackedStanzas.TooHigh.class);
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void countsWrapFrom2To32Minus1BackToZero() throws Exception {
        long last = UnackedStanzas.MODULUS - 1;
        assertThat(UnackedStanzas.next(last)).isZero();
        assertThat(UnackedStanzas.distance(last - 1, 1)).isEqualTo(3);
        // a long session: its client has acknowledged 2^32 - 2 stanzas
        UnackedStanzas q = UnackedStanzas.acknowledgedSoFar(10, last - 1);
        q.add(stanza("x"), 0);
        q.add(stanza("y"), 0);
        q.add(stanza("z"), 0);
        assertThat(q.sent()).isEqualTo(1);
        assertThat(names(q.acknowledge(last))).containsExactly("<x/>");
        assertThat(names(q.acknowledge(1))).containsExactly("<y/>", "<z/>");
        assertThat(q.acknowledgedCount()).isEqualTo(1);
    }

    @Test
    void theQueueIsBounded() {
        UnackedStanzas q = new UnackedStanzas(2);
        assertThat(q.add(stanza("a"), 0)).isTrue();
        assertThat(q.add(stanza("b"), 0)).isTrue();
        assertThat(q.add(stanza("c"), 0)).isFalse();
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void anAcknowledgementIsAskedForAfterSoManyStanzasOrSoLongAndNotTwiceForTheSame() throws Exception {
        UnackedStanzas q = new UnackedStanzas(100);
        assertThat(q.requestDue(0, 3, 500)).as("nothing sent").isFalse();
        q.add(stanza("a"), 1_000);
        q.add(stanza("b"), 1_200);
        assertThat(q.requestDue(1_300, 3, 500)).isFalse();
        assertThat(q.requestDue(1_500, 3, 500)).as("the oldest waited 500 ns").isTrue();
        q.requested();
        assertThat(q.requestDue(9_000, 3, 500)).as("asked already for these").isFalse();
        q.add(stanza("c"), 9_000);
        q.add(stanza("d"), 9_001);
        q.add(stanza("e"), 9_002);
        assertThat(q.requestDue(9_003, 3, 500)).as("three new ones").isTrue();
        q.requested();
        // the client acknowledges everything unasked; a new stanza is asked for after its own delay
        q.acknowledge(5);
        q.add(stanza("f"), 20_000);
        assertThat(q.requestDue(20_100, 3, 500)).isFalse();
        assertThat(q.requestDue(20_500, 3, 500)).isTrue();
    }

    @Test
    void onResumptionOnlyWhatStillMattersIsKeptAndTheCountGoesOnFromTheClients() throws Exception {
        UnackedStanzas q = new UnackedStanzas(10);
        q.add(stanza("a"), 0);
        q.add(new UnackedStanzas.Entry("<message id='m1'/>", "m1", null), 0);
        q.add(new UnackedStanzas.Entry("<message id='m2'/>", "m2", null), 0);
        q.add(stanza("d"), 0);
        q.acknowledge(1);
        q.retain(e -> !"m2".equals(e.messageId()), 0);
        assertThat(names(q.pending())).containsExactly("<message id='m1'/>", "<d/>");
        assertThat(q.sent()).as("1 acknowledged + 2 sent again").isEqualTo(3);
        assertThat(names(q.acknowledge(3))).containsExactly("<message id='m1'/>", "<d/>");
    }

    @Test
    void anHAttributeIsAnUnsignedInt() {
        assertThat(UnackedStanzas.parse("0")).isZero();
        assertThat(UnackedStanzas.parse("4294967295")).isEqualTo(4294967295L);
        assertThat(UnackedStanzas.parse("4294967296")).isEqualTo(-1);
        assertThat(UnackedStanzas.parse("-1")).isEqualTo(-1);
        assertThat(UnackedStanzas.parse("1e3")).isEqualTo(-1);
        assertThat(UnackedStanzas.parse(null)).isEqualTo(-1);
        assertThat(UnackedStanzas.parse("99999999999999999999")).isEqualTo(-1);
    }
}
