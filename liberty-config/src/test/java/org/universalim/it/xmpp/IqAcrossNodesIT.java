package org.universalim.it.xmpp;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IQs between full JIDs (RFC 6121 8.5.3) when the two resources are connected to different nodes of one ISP (R12,
 * PostgreSQL): the node of the asking resource passes the IQ to the node that holds the other, and the answer comes
 * back the same way; a resource connected nowhere is still answered {@code service-unavailable} (issue 15).
 */
class IqAcrossNodesIT {

    @BeforeAll
    static void severalNodes() {
        Assumptions.assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
    }

    @Test
    void anIqReachesTheResourceOnTheOtherNodeAndItsAnswerComesBack() {
        IspServer node1 = IspServer.a();
        IspServer node2 = IspServer.aNode2();
        String alice = Users.register(node1, "alice", true);
        String jid = alice + "@" + node1.universalDomain();
        try (SmClient laptop = SmClient.bound(node1, alice, "laptop"); SmClient phone = SmClient.bound(node2, alice, "phone")) {
            laptop.available();
            phone.available();

            laptop.send("<iq xmlns='jabber:client' type='get' id='v1' to='" + jid + "/phone'><query xmlns='jabber:iq:version'/></iq>");
            String asked = phone.await(f -> f.startsWith("<iq") && f.contains("id=\"v1\""));
            assertThat(asked).contains("from=\"" + jid + "/laptop\"").contains("type=\"get\"").contains("jabber:iq:version");

            phone.send("<iq xmlns='jabber:client' type='result' id='v1' to='" + jid + "/laptop'><query xmlns='jabber:iq:version'>"
                    + "<name>phone client</name><version>1.0</version></query></iq>");
            String answer = laptop.await(f -> f.startsWith("<iq") && f.contains("id=\"v1\""));
            assertThat(answer).contains("type=\"result\"").contains("from=\"" + jid + "/phone\"").contains("phone client");

            // a resource connected to no node: the same answer as before
            laptop.send("<iq xmlns='jabber:client' type='get' id='v2' to='" + jid + "/tablet'><query xmlns='jabber:iq:version'/></iq>");
            String none = laptop.await(f -> f.startsWith("<iq") && f.contains("id=\"v2\""));
            assertThat(none).contains("type=\"error\"").contains("service-unavailable");
        }
    }

    @Test
    void aStrangersResourceOnTheOtherNodeIsNotReached() {
        IspServer node1 = IspServer.a();
        IspServer node2 = IspServer.aNode2();
        String alice = Users.register(node1, "alice", true);
        String mallory = Users.register(node1, "mallory", true);
        String aliceJid = alice + "@" + node1.universalDomain();
        try (SmClient m = SmClient.bound(node1, mallory, "pc"); SmClient phone = SmClient.bound(node2, alice, "phone")) {
            m.available();
            phone.available();
            m.send("<iq xmlns='jabber:client' type='get' id='s1' to='" + aliceJid + "/phone'><query xmlns='jabber:iq:version'/></iq>");
            String answer = m.await(f -> f.startsWith("<iq") && f.contains("id=\"s1\""));
            assertThat(answer).contains("type=\"error\"").contains("service-unavailable");
            phone.roundTrip();
            assertThat(phone.frames(f -> f.contains("id=\"s1\""))).isEmpty();
        }
    }
}
