package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.local.Contacts;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that is only slow (here: frozen with SIGSTOP) is declared dead by the other node of its ISP (R12, PostgreSQL;
 * the test servers declare a node dead after 5 s). When it runs again it notices (its row is gone from the node table),
 * ends its client sessions with a close that tells them to connect again (Local protocol: 1012, XMPP: the stream error
 * {@code system-shutdown}) and takes part in the cluster again: the users log on again there, their watcher sees them
 * online, and what was sent to them while the node was frozen arrives once (docs/cluster.md, "When a node dies").
 */
class DeclaredDeadNodeIT {

    /** Long enough for the node to be declared dead (5 s without a heartbeat) on a loaded machine. */
    private static final Duration DECLARED_DEAD = Duration.ofSeconds(40);

    @BeforeAll
    static void severalNodes() {
        Assumptions.assumeTrue(IspServer.isPostgresql(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
    }

    private static String presenceOf(JsonObject frame, String user) {
        JsonObject p = frame.getJsonObject("presence");
        return p.getString("address").startsWith(user + "@") ? p.getString("aggregate") : "";
    }

    /** The ids of the messages shown to a Local protocol user over both its connections. */
    private static List<String> shownTo(LocalClient first, LocalClient second) {
        return Stream.concat(first.received("message").stream(), second.received("message").stream())
                .map(m -> m.getString("messageId", "")).toList();
    }

    /** The messages shown to an XMPP user over both its streams. */
    private static List<String> shownTo(SmClient first, SmClient second) {
        return Stream.concat(first.frames().stream(), second.frames().stream()).filter(f -> f.startsWith("<message")).toList();
    }

    @Test
    void aNodeDeclaredDeadWhileFrozenEndsItsSessionsThenItsUsersLogOnThereAgainAndGetWhatWasSentOnce() {
        IspServer node1 = IspServer.a();
        IspServer node2 = IspServer.aNode2();
        String yan = Users.register(node1, "yan", true);
        String xia = Users.register(node1, "xia", true);
        String zed = Users.register(node1, "zed", true);
        String domain = node1.universalDomain();
        try (LocalClient y = LocalClient.login(node1, yan, "pc")) {
            LocalClient x = LocalClient.login(node2, xia, "pc");
            SmClient z = SmClient.bound(node2, zed, "phone");
            z.available();
            Contacts.approve(y, xia + "@" + domain, x, yan + "@" + domain);
            y.await(f -> f.getString("type", "").equals("presence") && presenceOf(f, xia).equals("READY"), DECLARED_DEAD);

            String toX;
            String toZ;
            node2.freeze();
            try {
                toX = y.request("message.send", Json.createObjectBuilder().add("to", xia + "@" + domain).add("body", "while frozen"))
                        .getString("messageId");
                toZ = y.request("message.send", Json.createObjectBuilder().add("to", zed + "@" + domain).add("body", "while frozen"))
                        .getString("messageId");
                // declared dead: its devices are logged off, watchers see them go
                y.await(f -> f.getString("type", "").equals("presence") && presenceOf(f, xia).equals("OFFLINE"), DECLARED_DEAD);
            } finally {
                node2.thaw();
            }
            y.clear();

            // the node notices it was declared dead and ends its sessions so that the clients connect again
            assertThat(x.awaitClose()).as("the Local protocol close code").isEqualTo(1012);
            z.awaitEnd();
            assertThat(z.frames(f -> f.contains("<stream:error"))).singleElement().asString().contains("<system-shutdown");

            // the users log on again at the same node: it takes part in the cluster again
            // (a client gives again the acknowledgements its lost connection did not have answered: docs/local-protocol.md)
            try (LocalClient x2 = LocalClient.connect(node2); SmClient z2 = SmClient.bound(node2, zed, "phone")) {
                JsonObject loggedIn = x2.request("login", Json.createObjectBuilder().add("user", xia).add("password", Users.PASSWORD)
                        .add("device", "pc").add("acks", Json.createArrayBuilder(x.unansweredAcks())));
                assertThat(loggedIn.getString("type")).as(loggedIn.toString()).isEqualTo("result");
                z2.available();
                y.await(f -> f.getString("type", "").equals("presence") && presenceOf(f, xia).equals("READY"), DECLARED_DEAD);
                // what was sent meanwhile reaches them (live, had the old session taken it before it ended, or stored)
                await().atMost(DECLARED_DEAD).until(() -> shownTo(x, x2).contains(toX));
                await().atMost(DECLARED_DEAD).until(() -> shownTo(z, z2).stream().anyMatch(f -> f.contains(toZ)));

                JsonObject after = y.request("message.send", Json.createObjectBuilder().add("to", xia + "@" + domain).add("body", "after"));
                assertThat(after.getString("status")).as(after.toString()).isEqualTo("sent");
                x2.awaitPush("message", f -> f.getString("messageId").equals(after.getString("messageId")));
                String afterZ = y.request("message.send", Json.createObjectBuilder().add("to", zed + "@" + domain).add("body", "after"))
                        .getString("messageId");
                z2.await(f -> f.startsWith("<message") && f.contains(afterZ));

                // each message was shown once, over both connections of the user
                x2.request("ping");
                z2.roundTrip();
                assertThat(shownTo(x, x2)).containsOnlyOnce(toX, after.getString("messageId"));
                List<String> shownToZ = shownTo(z, z2);
                assertThat(shownToZ.stream().filter(f -> f.contains(toZ))).hasSize(1);
                assertThat(shownToZ.stream().filter(f -> f.contains(afterZ))).hasSize(1);
            } finally {
                x.close();
                z.close();
            }
        }
    }
}
