package org.universalim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options of the multi-server scenarios, where users live, JIDs and the comparison's scenario keys. */
class OptionsTest {

    @Test
    void peersMakeEndpointsInOrder() {
        Options o = Options.parse(new String[] {"--url", "ws://127.0.0.1:9080/xmpp-websocket", "--domain", "isp-a-u.example",
            "--peer-url", "ws://127.0.0.1:9081/xmpp-websocket", "--peer-domain", "isp-b-u.example",
            "--peer2-url=ws://127.0.0.1:9082/xmpp-websocket", "--peer2-domain=isp-c-u.example", "--scenario", "presence",
            "--contacts", "30", "--variant", "SOAP", "--peer-pid", "42"});
        List<Options.Endpoint> e = o.endpoints();
        assertEquals(3, e.size());
        assertEquals("isp-b-u.example", e.get(1).domain());
        assertEquals(9082, e.get(2).url().getPort());
        assertEquals(30, o.watchers());
        assertEquals("bench-target", o.target);
        assertEquals("SOAP", o.variant);
        assertEquals(42, o.serverPids()[1]);
        assertEquals(-1, o.serverPids()[2]);
    }

    @Test
    void federationNeedsAPeerAndPeersComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--url", "ws://127.0.0.1:1/x",
            "--scenario", "federation"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--url", "ws://127.0.0.1:1/x",
            "--peer-url", "ws://127.0.0.1:2/x"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--url", "ws://127.0.0.1:1/x",
            "--peer2-url", "ws://127.0.0.1:2/x", "--peer2-domain", "c"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--url", "ws://127.0.0.1:1/x",
            "--peer-url", "ws://192.0.2.1:2/x", "--peer-domain", "b"}));
        Options o = Options.parse(new String[] {"--url", "ws://127.0.0.1:1/x"});
        assertEquals(1, o.endpoints().size());
        assertEquals(o.users, o.watchers());
    }

    @Test
    void federationSplitsEveryPairOverTheTwoServers() {
        int n = 10;
        int offset = 100;
        for (int i = offset; i < offset + n / 2; i++) {
            assertEquals(0, Options.federationServer(i, offset, n));
            assertEquals(1, Options.federationServer(i + n / 2, offset, n));
        }
    }

    @Test
    void watchersSpreadRoundRobin() {
        int[] count = new int[3];
        for (int j = 0; j < 1000; j++) {
            count[Options.watcherServer(j, 3)]++;
        }
        assertEquals(334, count[0]);
        assertEquals(333, count[1]);
        assertEquals(333, count[2]);
        assertEquals(0, Options.watcherServer(7, 1));
    }

    @Test
    void jidPieces() {
        assertEquals("a@b", Jids.bare("a@b/c/d"));
        assertEquals("a@b", Jids.bare("a@b"));
        assertEquals("a", Jids.local("a@b/c@d"));
        assertNull(Jids.local("b/c@d"));
        assertNull(Jids.local(null));
        assertEquals("b", Jids.domain("a@b/c"));
        assertEquals("b", Jids.domain("b"));
    }

    @Test
    void comparisonKeysCarryTheVariant() {
        assertEquals("federation-rest", Compare.scenarioKey(Map.of("scenario", "federation", "variant", "REST")));
        assertEquals("closed", Compare.scenarioKey(Map.of("scenario", "closed")));
        assertEquals(true, Compare.oursOnly("federation-open-soap"));
        assertEquals(false, Compare.oursOnly("open"));
    }
}
