package org.universalim.it.federation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users of three ISPs find each other and see presence (R5, R6, R11). Registration and announcement across ISPs
 * (FIG. 5, R1) is {@code Fig5RegistrationIT}, sessions across ISPs (FIG. 6, R8) {@code Fig6SessionEstablishmentIT}.
 */
class CrossIspIT {

    static IspServer a;
    static IspServer b;
    static IspServer c;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        c = IspServer.c();
        Federation.mesh("REST", a, b, c);
    }

    private static String u(IspServer isp, String user) {
        return user + "@" + isp.universalDomain();
    }

    @Test
    void aliceOnASeesBobOnBAfterHeApprovesWithinASecondOfEachChange() {
        String alice = Users.register(a, "alice", true);
        String bob = Users.register(b, "bob", true);
        try (LocalClient al = LocalClient.login(a, alice, "pc"); LocalClient bo = LocalClient.login(b, bob, "pc")) {
            assertThat(al.request("roster.add", Json.createObjectBuilder().add("contact", u(b, bob))).getString("type"))
                    .isEqualTo("result");
            bo.await(f -> f.getString("type").equals("subscription.request") && f.getString("from").equals(u(a, alice)),
                    Duration.ofSeconds(15));
            assertThat(bo.request("subscription.approve", Json.createObjectBuilder().add("contact", u(a, alice)))
                    .getString("type")).isEqualTo("result");
            al.await(f -> f.getString("type").equals("subscription.answer") && f.getBoolean("approved"), Duration.ofSeconds(15));
            al.await(f -> presence(f, u(b, bob)).equals("READY"), Duration.ofSeconds(15));

            bo.request("logout");
            long off = System.nanoTime();
            al.await(f -> presence(f, u(b, bob)).equals("OFFLINE"), Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - off)).isLessThan(Duration.ofSeconds(1));
        }
        try (LocalClient al = LocalClient.login(a, alice, "pc")) {
            JsonObject entry = al.request("roster.get").getJsonArray("roster").getJsonObject(0);
            assertThat(entry.getString("contact")).isEqualTo(u(b, bob));
            assertThat(entry.getBoolean("universal")).isTrue();
            assertThat(entry.getBoolean("sameIsp")).isFalse();
            long on = System.nanoTime();
            try (LocalClient bo = LocalClient.login(b, bob, "phone")) {
                al.await(f -> presence(f, u(b, bob)).equals("READY"), Duration.ofSeconds(5));
                assertThat(Duration.ofNanos(System.nanoTime() - on)).isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    /** {@code watcher} asks to see {@code contact} across ISPs and the contact approves. */
    static void approve(LocalClient watcher, String watcherAddress, LocalClient contact, String contactAddress) {
        watcher.request("roster.add", Json.createObjectBuilder().add("contact", contactAddress));
        contact.await(f -> f.getString("type").equals("subscription.request") && f.getString("from").equals(watcherAddress),
                Duration.ofSeconds(15));
        contact.request("subscription.approve", Json.createObjectBuilder().add("contact", watcherAddress));
        watcher.await(f -> f.getString("type").equals("subscription.answer") && f.getString("contact").equals(contactAddress)
                && f.getBoolean("approved"), Duration.ofSeconds(15));
    }

    static String presence(JsonObject frame, String address) {
        if (!"presence".equals(frame.getString("type"))) {
            return "";
        }
        JsonObject p = frame.getJsonObject("presence");
        return p.getString("address").equals(address) ? p.getString("aggregate") : "";
    }
}
