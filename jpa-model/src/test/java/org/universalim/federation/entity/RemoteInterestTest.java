package org.universalim.federation.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The nodes a remote resource asked for read back as they were kept, within the column's bound. */
class RemoteInterestTest {

    static final Instant AT = Instant.parse("2026-12-07T01:00:00Z");

    @Test
    void theNodesReadBackAsKept() {
        Set<String> nodes = Set.of("eu.siacs.conversations.axolotl.devicelist", "urn:xmpp:avatar:metadata");
        RemoteInterest row = new RemoteInterest("bob@prosody.example/dino", "bob@prosody.example", nodes, AT);

        assertThat(row.nodes()).isEqualTo(nodes);
        assertThat(row.updatedAt()).isEqualTo(AT);
    }

    @Test
    void aNodeWithASpaceAndWhatGoesBeyondTheColumnAreLeftOut() {
        Set<String> nodes = new HashSet<>();
        nodes.add("a node");
        for (int i = 0; i < 500; i++) {
            nodes.add("urn:example:node:" + i);
        }
        RemoteInterest row = new RemoteInterest("bob@prosody.example/dino", "bob@prosody.example", nodes, AT);

        assertThat(row.nodes()).doesNotContain("a node", "a", "node").isNotEmpty().allMatch(nodes::contains);
        assertThat(String.join(" ", row.nodes()).length()).isLessThanOrEqualTo(RemoteInterest.NODES_MAX);
    }
}
