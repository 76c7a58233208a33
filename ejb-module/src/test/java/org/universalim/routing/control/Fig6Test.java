package org.universalim.routing.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The FIG. 6 decision table. */
class Fig6Test {

    @ParameterizedTest(name = "local={0} exists={1} uniForm={2} uniUser={3} nodes={4} -> {5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // another ISP: whatever else is known, the Universal IM server takes it (615 -> 620)
            "false | false | true  | false | -            | FOREIGN             | -",
            "false | true  | false | false | node1        | FOREIGN             | -",
            // this ISP, unknown user
            "true  | false | false | false | -            | UNKNOWN             | -",
            // the universal address of a local-only user does not exist
            "true  | true  | true  | false | node1        | UNKNOWN             | -",
            // connected here (645 -> 650)
            "true  | true  | false | false | node1        | LOCAL_HERE          | node1",
            "true  | true  | true  | true  | node1,node2  | LOCAL_HERE          | node1",
            // connected on another node of the same ISP (640)
            "true  | true  | false | true  | node2        | LOCAL_OTHER_NODE    | node2",
            "true  | true  | false | true  | node3,node2  | LOCAL_OTHER_NODE    | node2",
            // not connected anywhere (647)
            "true  | true  | false | false | -            | LOCAL_NOT_CONNECTED | -",
            "true  | true  | true  | true  | -            | LOCAL_NOT_CONNECTED | -"})
    void decides(boolean localIsp, boolean exists, boolean universalForm, boolean userUniversal, String nodes,
                 Fig6.Route route, String node) {
        Set<String> connected = nodes == null ? Set.of() : Arrays.stream(nodes.split(",")).collect(Collectors.toSet());
        Fig6.Decision decision = Fig6.decide(new Fig6.Facts(localIsp, exists, universalForm, userUniversal, connected, "node1"));
        assertThat(decision.route()).isEqualTo(route);
        assertThat(decision.node()).isEqualTo(node);
    }
}
