package org.universalim.clientprotocol.xmpp.s2s;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteInterestsTest {

    @Test
    void theNodesAskedForAreTheNotifyFeaturesWithoutTheirSuffix() {
        assertThat(RemoteInterests.nodes(Set.of("http://jabber.org/protocol/disco#info", "urn:xmpp:avatar:metadata+notify",
                "eu.siacs.conversations.axolotl.devicelist+notify", "+notify", "urn:xmpp:ping")))
                .containsExactlyInAnyOrder("urn:xmpp:avatar:metadata", "eu.siacs.conversations.axolotl.devicelist");
        assertThat(RemoteInterests.nodes(Set.of())).isEmpty();
    }
}
