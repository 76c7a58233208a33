package org.universalim.clientprotocol.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameBacklogTest {

    @Test
    void keepsTheOrderSent() {
        FrameBacklog backlog = new FrameBacklog(10, 1000, new BacklogBudget(0));
        assertThat(backlog.offer("a")).isTrue();
        assertThat(backlog.offer("bb")).isTrue();
        assertThat(backlog.offer("ccc")).isTrue();
        assertThat(backlog.chars()).isEqualTo(6);
        assertThat(backlog.poll()).isEqualTo("a");
        assertThat(backlog.poll()).isEqualTo("bb");
        assertThat(backlog.chars()).isEqualTo(3);
        assertThat(backlog.poll()).isEqualTo("ccc");
        assertThat(backlog.poll()).isNull();
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void refusesTheFrameThatWouldPassEitherBound() {
        FrameBacklog byFrames = new FrameBacklog(2, 1000, new BacklogBudget(0));
        assertThat(byFrames.offer("a")).isTrue();
        assertThat(byFrames.offer("b")).isTrue();
        assertThat(byFrames.offer("c")).isFalse();
        assertThat(byFrames.size()).isEqualTo(2);
        byFrames.poll();
        assertThat(byFrames.offer("c")).as("room again once one is taken").isTrue();

        FrameBacklog byChars = new FrameBacklog(100, 10, new BacklogBudget(0));
        assertThat(byChars.offer("12345")).isTrue();
        assertThat(byChars.offer("123456")).isFalse();
        assertThat(byChars.offer("12345")).as("exactly the bound").isTrue();
        assertThat(byChars.offer("1")).isFalse();
        assertThat(byChars.chars()).isEqualTo(10);
    }

    @Test
    void clearForgetsEverything() {
        FrameBacklog backlog = new FrameBacklog(2, 10, new BacklogBudget(0));
        backlog.offer("12345");
        backlog.offer("12345");
        backlog.clear();
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.chars()).isZero();
        assertThat(backlog.offer("1234567890")).isTrue();
    }

    @Test
    void backlogsShareTheServersBudgetAndGiveBackWhatLeaves() {
        BacklogBudget budget = new BacklogBudget(10);
        FrameBacklog one = new FrameBacklog(100, 8, budget);
        FrameBacklog two = new FrameBacklog(100, 8, budget);
        assertThat(one.offer("123456")).isTrue();
        assertThat(two.offer("12345")).as("within its own bound, but not within the server's").isFalse();
        assertThat(two.offer("1234")).isTrue();
        assertThat(budget.used()).isEqualTo(10);
        assertThat(one.poll()).isEqualTo("123456");
        assertThat(budget.used()).isEqualTo(4);
        assertThat(two.offer("12")).isTrue();
        two.clear();
        assertThat(budget.used()).as("a connection that ends gives back what waited").isZero();
        assertThat(one.offer("12345678")).isTrue();
    }

    @Test
    void aBudgetOfZeroBoundsNothingButEachBacklog() {
        BacklogBudget none = new BacklogBudget(0);
        FrameBacklog backlog = new FrameBacklog(100, 1_000_000, none);
        assertThat(backlog.offer("x".repeat(999_999))).isTrue();
        assertThat(none.used()).isEqualTo(999_999);
        backlog.poll();
        assertThat(none.used()).isZero();
    }
}
