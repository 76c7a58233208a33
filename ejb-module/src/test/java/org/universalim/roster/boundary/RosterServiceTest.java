package org.universalim.roster.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;
import org.universalim.roster.entity.Subscription;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rosters and presence authorization (R5) between users of this ISP and with users of another, with the
 * collaborators set directly: what each side's roster says, who is told, and what the other ISP is asked.
 */
class RosterServiceTest {

    RosterService roster;
    RosterFakes.Items items;
    RosterFakes.OtherIsps otherIsps;
    RosterFakes.Blocks blocks;
    RosterFakes.Fired<RosterChanged> changed;
    RosterFakes.Fired<SubscriptionRequested> requested;
    RosterFakes.Fired<SubscriptionAnswered> answered;

    @BeforeEach
    void wire() {
        RosterFakes.Users users = new RosterFakes.Users("ann", "bob").add("uma", true);
        items = new RosterFakes.Items();
        otherIsps = new RosterFakes.OtherIsps();
        changed = new RosterFakes.Fired<>();
        requested = new RosterFakes.Fired<>();
        answered = new RosterFakes.Fired<>();
        Clock clock = Clock.fixed(RosterFakes.NOW, ZoneOffset.UTC);

        RosterEntries entries = new RosterEntries();
        entries.addresses = users;
        entries.foreign = otherIsps;
        entries.isp = RosterFakes.ISP;

        SubscriptionSides sides = new SubscriptionSides();
        sides.addresses = users;
        sides.items = items;
        sides.entries = entries;
        sides.foreign = otherIsps;
        sides.isp = RosterFakes.ISP;
        sides.clock = clock;
        sides.rosterChanged = changed;
        sides.requested = requested;
        sides.answered = answered;

        roster = new RosterService();
        roster.addresses = users;
        roster.items = items;
        roster.sides = sides;
        roster.entries = entries;
        roster.isp = RosterFakes.ISP;
        roster.clock = clock;
        roster.rosterChanged = changed;
        blocks = new RosterFakes.Blocks();
        roster.privacy = blocks;
        sides.privacy = blocks;
        entries.privacy = blocks;
    }

    @Test
    void aRequestFromSomebodyTheContactBlocksGoesNowhereAndTheAskerIsNotTold() {
        blocks.block("bob", "ann@isp-a-u.example");

        RosterEntry asked = roster.subscribe("ann", "bob@isp-a.example", "hi");

        assertThat(asked.asking()).as("ann's side looks as if bob has not answered yet").isTrue();
        assertThat(requested.events).isEmpty();
        assertThat(items.requests("bob")).isEmpty();
    }

    @Test
    void askingSomebodyOneBlocksIsRefusedUntilUnblocked() {
        blocks.block("ann", "bob@isp-a.example");

        assertThatThrownBy(() -> roster.subscribe("ann", "bob@isp-a.example", null))
                .isInstanceOf(org.universalim.platform.ConflictException.class).hasMessageContaining("unblock");
        assertThat(requested.events).isEmpty();
    }

    @Test
    void requestsWaitingFromABlockedAddressAreNotShown() {
        roster.subscribe("ann", "bob@isp-a.example", "first");
        blocks.block("bob", "ann@isp-a.example");

        assertThat(roster.pendingRequests("bob")).isEmpty();
    }

    @Test
    void askingALocalUserLeavesARequestForThemAndTheirApprovalShowsOnBothRosters() {
        RosterEntry asked = roster.subscribe("ann", "bob@isp-a.example", " hi bob ");

        assertThat(asked.asking()).isTrue();
        assertThat(requested.events).containsExactly(new SubscriptionRequested("bob", "ann@isp-a.example", "hi bob"));
        assertThat(roster.pendingRequests("bob")).extracting(PendingRequest::from).containsExactly("ann@isp-a.example");

        roster.approve("bob", "ann@isp-a.example");

        assertThat(items.item("ann", UserId.parse("bob@isp-a.example"))).get().extracting(RosterItem::subscription).isEqualTo(Subscription.TO);
        assertThat(items.item("bob", UserId.parse("ann@isp-a.example"))).get().extracting(RosterItem::subscription).isEqualTo(Subscription.FROM);
        assertThat(answered.events).containsExactly(new SubscriptionAnswered("ann", UserId.parse("bob@isp-a.example"), true));
        assertThat(roster.pendingRequests("bob")).isEmpty();
        assertThat(otherIsps.asked).isEmpty();
    }

    @Test
    void aUserOfAnotherIspIsAskedThroughTheirIspAndSoIsEveryAnswer() {
        roster.subscribe("uma", "zed@isp-b-u.example", null);
        roster.approve("uma", "zed@isp-b-u.example");
        roster.unsubscribe("uma", "zed@isp-b-u.example");
        roster.deny("uma", "zed@isp-b-u.example");

        assertThat(otherIsps.asked).containsExactly(
                "subscribe uma@isp-a-u.example -> zed@isp-b-u.example",
                "approve uma@isp-a-u.example -> zed@isp-b-u.example",
                "unsubscribe uma@isp-a-u.example -> zed@isp-b-u.example",
                "deny uma@isp-a-u.example -> zed@isp-b-u.example");
        assertThat(requested.events).isEmpty();
    }

    @Test
    void removingAContactEndsBothDirectionsOnTheirRosterToo() {
        roster.subscribe("ann", "bob@isp-a.example", null);
        roster.approve("bob", "ann@isp-a.example");
        roster.subscribe("bob", "ann@isp-a.example", null);
        roster.approve("ann", "bob@isp-a.example");
        assertThat(items.item("ann", UserId.parse("bob@isp-a.example")).orElseThrow().subscription()).isEqualTo(Subscription.BOTH);

        roster.remove("ann", "bob@isp-a.example");

        assertThat(items.item("ann", UserId.parse("bob@isp-a.example"))).isEmpty();
        // bob keeps ann on his roster, but neither sees the other any more
        assertThat(items.item("bob", UserId.parse("ann@isp-a.example")).orElseThrow().subscription()).isEqualTo(Subscription.NONE);
        assertThat(answered.events).last().isEqualTo(new SubscriptionAnswered("bob", UserId.parse("ann@isp-a.example"), false));
        assertThat(changed.events).last().extracting(RosterChanged::removed).isEqualTo(true);
    }

    @Test
    void aContactMustExistAndNotBeOneself() {
        assertThatThrownBy(() -> roster.add("ann", "nobody@isp-a.example", null, null, true))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> roster.add("ann", "ann@isp-a.example", null, null, false))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> roster.approve("ann", "bob@isp-a.example")).isInstanceOf(NotFoundException.class);
        assertThat(items.items).isEmpty();
    }

    @Test
    void namesAndGroupsAreCheckedAndKept() {
        RosterEntry entry = roster.add("ann", "bob@isp-a.example", " Bobby ", List.of("work", "friends"), false);
        assertThat(entry.name()).isEqualTo("Bobby");
        assertThat(entry.groups()).containsExactly("friends", "work"); // kept sorted
        assertThatThrownBy(() -> roster.update("ann", "bob@isp-a.example", "x".repeat(RosterItem.MAX_NAME + 1), null))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(roster.roster("ann")).extracting(RosterEntry::name).containsExactly("Bobby");
    }
}
