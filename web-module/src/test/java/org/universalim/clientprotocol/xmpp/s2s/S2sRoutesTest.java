package org.universalim.clientprotocol.xmpp.s2s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S2sRoutesTest {

    @Test
    void staticRoutesWinAndAreReadFromTheSetting() {
        S2sRoutes.Static routes = S2sRoutes.Static.parse("prosody.example=127.0.0.1:25290, Other.example=xmpp.other.example:5270/tls");
        assertThat(S2sRoutes.resolve("prosody.example", routes)).containsExactly(new S2sRoutes.Target("127.0.0.1", 25290, false));
        assertThat(S2sRoutes.resolve("other.example", routes)).containsExactly(new S2sRoutes.Target("xmpp.other.example", 5270, true));
        assertThat(S2sRoutes.Static.parse(" ").routes()).isEmpty();
        assertThatThrownBy(() -> S2sRoutes.Static.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void srvRecordsGoByPriorityDirectTlsFirstAndTheNullTargetMeansNoService() {
        List<S2sRoutes.Srv> records = List.of(
                S2sRoutes.parse("20 0 5269 backup.example.", false).orElseThrow(),
                S2sRoutes.parse("10 0 5269 im.example.", false).orElseThrow(),
                S2sRoutes.parse("10 0 5270 im.example.", true).orElseThrow());
        assertThat(S2sRoutes.order(records)).containsExactly(new S2sRoutes.Target("im.example", 5270, true),
                new S2sRoutes.Target("im.example", 5269, false), new S2sRoutes.Target("backup.example", 5269, false));
        assertThat(S2sRoutes.order(List.of(S2sRoutes.parse("0 0 0 .", false).orElseThrow()))).isEmpty();
        assertThat(S2sRoutes.parse("garbage", false)).isEmpty();
    }
}
