package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * IQs between full JIDs across ISPs through the federation contract's optional {@code iq} operation: a contact on ISP B
 * asks a resource on ISP A and gets its answer; a user without a subscription, and a resource that is not connected,
 * get {@code service-unavailable}.
 */
class CrossIspIqIT {

    static final Duration ACROSS = Duration.ofSeconds(20);

    static IspServer a;
    static IspServer b;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        Federation.peer(a, b, "REST", true);
        Federation.peer(b, a, "SOAP", true);
        for (IspServer[] link : new IspServer[][] {{a, b}, {b, a}}) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Http.postJson(
                    link[0].uri("/api/v1/admin/peers/" + link[1].domain() + "/test"), "", "admin", IspServer.ADMIN_PASSWORD)
                    .json().getBoolean("reachable"));
        }
    }

    static String frame(RawXmppClient c, Predicate<String> condition) {
        await().atMost(ACROSS).pollInterval(Duration.ofMillis(50)).until(() -> c.frames().stream().anyMatch(condition));
        return c.frames().stream().filter(condition).findFirst().orElseThrow();
    }

    @Test
    void aContactOnBAsksAResourceOnAAndOthersAreRefused() {
        String alice = Users.register(a, "alice", true);
        String bob = Users.register(b, "bob", true);
        String carol = Users.register(b, "carol", true);
        CrossIspProfilesIT.watches(b, bob, a, alice); // bob (B) sees alice's (A) presence
        String aliceJid = CrossIspProfilesIT.jidOf(a, alice);
        String bobJid = CrossIspProfilesIT.jidOf(b, bob);
        RawXmppClient xa = RawXmppClient.loggedIn(a, alice, Users.PASSWORD, "laptop");
        RawXmppClient xb = RawXmppClient.loggedIn(b, bob, Users.PASSWORD, "phone");
        RawXmppClient xc = RawXmppClient.loggedIn(b, carol, Users.PASSWORD, "pc");
        try {
            // bob (REST to A) asks alice's laptop; alice's client answers (SOAP to B); bob reads the answer from the laptop
            xb.send("<iq xmlns='jabber:client' type='get' id='v1' to='" + aliceJid + "/laptop'><query xmlns='jabber:iq:version'/></iq>");
            String asked = frame(xa, f -> f.contains("id=\"v1\""));
            assertThat(asked).contains("from=\"" + bobJid + "/phone\"").contains("to=\"" + aliceJid + "/laptop\"")
                    .contains("<query xmlns=\"jabber:iq:version\"/>").contains("type=\"get\"");
            xa.send("<iq xmlns='jabber:client' type='result' id='v1' to='" + bobJid + "/phone'><query xmlns='jabber:iq:version'>"
                    + "<name>Laptop client</name><version>3.1</version></query></iq>");
            assertThat(frame(xb, f -> f.contains("id=\"v1\""))).contains("type=\"result\"").contains("from=\"" + aliceJid + "/laptop\"")
                    .contains("<name>Laptop client</name>");

            // carol has no subscription with alice: refused on B at once, nothing reaches A
            xc.send("<iq xmlns='jabber:client' type='get' id='v2' to='" + aliceJid + "/laptop'><query xmlns='jabber:iq:version'/></iq>");
            assertThat(frame(xc, f -> f.contains("id=\"v2\""))).contains("type=\"error\"").contains("<service-unavailable");

            // a resource of alice's that is not connected: A answers service-unavailable the same way back
            xb.send("<iq xmlns='jabber:client' type='get' id='v3' to='" + aliceJid + "/nowhere'><query xmlns='jabber:iq:version'/></iq>");
            assertThat(frame(xb, f -> f.contains("id=\"v3\""))).contains("type=\"error\"").contains("<service-unavailable")
                    .contains("from=\"" + aliceJid + "/nowhere\"");
            assertThat(xa.frames()).noneMatch(f -> f.contains("id=\"v2\"") || f.contains("id=\"v3\""));
        } finally {
            xa.close();
            xb.close();
            xc.close();
        }
    }
}
