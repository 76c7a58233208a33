package org.universalim.routing.boundary;

import org.junit.jupiter.api.Test;
import org.universalim.cluster.boundary.ClusterView;

import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** What another node of the ISP asks of this one. */
class NodeInboundTest {

    @Test
    void aNodeThatJoinedEndsThisNodesBeingAloneAtOnce() {
        NodeInbound inbound = new NodeInbound();
        inbound.cluster = new ClusterView();
        inbound.log = Logger.getLogger(NodeInboundTest.class.getName());
        long before = inbound.cluster.now().number();
        assertThat(inbound.cluster.hasOtherNodes()).isFalse();

        String answer = inbound.handle("{\"calls\": [{\"op\": \"joined\", \"node\": \"node2\"}]}").toCompletableFuture().join();

        assertThat(answer).isEqualTo("{\"results\":[null]}");
        assertThat(inbound.cluster.hasOtherNodes()).isTrue();
        assertThat(inbound.cluster.now().number()).isGreaterThan(before);
    }
}
