package org.universalim.clientprotocol.xmpp.s2s;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingIqsTest {

    private static PendingIqs.Key key(String ours, String id, String remote) {
        return new PendingIqs.Key(ours, id, remote);
    }

    @Test
    void anAnswerSettlesItsQuestionOnceAndOnlyFromTheEntityAsked() {
        PendingIqs<String> pending = new PendingIqs<>(10, 10);
        assertThat(pending.add(key("alice@a/desk", "1", "prosody.example"), "disco")).isTrue();
        assertThat(pending.take(key("alice@a/desk", "1", "bob@prosody.example"))).as("another entity").isNull();
        assertThat(pending.take(key("alice@a/phone", "1", "prosody.example"))).as("another resource").isNull();
        assertThat(pending.take(key("alice@a/desk", "1", "prosody.example"))).isEqualTo("disco");
        assertThat(pending.take(key("alice@a/desk", "1", "prosody.example"))).as("once").isNull();
        assertThat(pending.size()).isZero();
    }

    @Test
    void questionsAreBoundedInAllAndPerResourceAndAnIdWaitsOnce() {
        PendingIqs<String> pending = new PendingIqs<>(3, 2);
        assertThat(pending.add(key("alice@a/desk", "1", "p.example"), "x")).isTrue();
        assertThat(pending.add(key("alice@a/desk", "1", "p.example"), "x")).as("same id, same entity").isFalse();
        assertThat(pending.add(key("alice@a/desk", "2", "p.example"), "x")).isTrue();
        assertThat(pending.add(key("alice@a/desk", "3", "p.example"), "x")).as("per resource").isFalse();
        assertThat(pending.add(key("bob@a/desk", "1", "p.example"), "x")).isTrue();
        assertThat(pending.add(key("carol@a/desk", "1", "p.example"), "x")).as("in all").isFalse();
        pending.take(key("alice@a/desk", "1", "p.example"));
        assertThat(pending.add(key("alice@a/desk", "3", "p.example"), "x")).as("room again").isTrue();
    }
}
