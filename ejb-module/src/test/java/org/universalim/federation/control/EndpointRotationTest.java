package org.universalim.federation.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointRotationTest {

    private static final String N1 = "https://n1.isp-b.example:9543";
    private static final String N2 = "https://n2.isp-b.example:9543";
    private static final String N3 = "https://n3.isp-b.example:9543";

    @Test
    void eachCallStartsAtTheNextEndpoint() {
        EndpointRotation r = new EndpointRotation(List.of(N1, N2, N3));
        assertThat(r.order(0)).containsExactly(N1, N2, N3);
        assertThat(r.order(0)).containsExactly(N2, N3, N1);
        assertThat(r.order(0)).containsExactly(N3, N1, N2);
        assertThat(r.order(0)).containsExactly(N1, N2, N3);
    }

    @Test
    void anUnreachableEndpointIsTriedLastUntilItsRestEndsOrItAnswers() {
        EndpointRotation r = new EndpointRotation(List.of(N1, N2, N3));
        r.unreachable(N1, 1_000);
        assertThat(r.order(1_000)).containsExactly(N2, N3, N1);
        assertThat(r.order(1_000)).containsExactly(N2, N3, N1);
        assertThat(r.order(1_000)).containsExactly(N3, N2, N1);
        // the rest is over: back in turn
        assertThat(r.order(1_000 + EndpointRotation.REST_MILLIS)).containsExactly(N1, N2, N3);

        r.unreachable(N2, 20_000);
        r.answered(N2);
        assertThat(r.order(20_000)).containsExactly(N2, N3, N1);
    }

    @Test
    void whenEveryEndpointRestsEachIsStillTried() {
        EndpointRotation r = new EndpointRotation(List.of(N1, N2));
        r.unreachable(N1, 0);
        r.unreachable(N2, 0);
        assertThat(r.order(5)).containsExactlyInAnyOrder(N1, N2);
    }

    @Test
    void onePeerOfOneEndpointIsAlwaysCalledThere() {
        EndpointRotation r = new EndpointRotation(List.of(N1));
        r.unreachable(N1, 0);
        assertThat(r.order(1)).containsExactly(N1);
        assertThat(r.order(2)).containsExactly(N1);
        assertThatThrownBy(() -> new EndpointRotation(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
