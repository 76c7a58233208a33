package org.universalim.it.scenario;

import jakarta.json.JsonObject;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ISP of the patent (FIG. 4): one running server holding its Local IM server and its Universal IM server.
 * A second node of ISP A is an {@code Isp} too; users of A log on at either.
 */
public final class Isp {

    /** How long a peer may take to learn something from another ISP. */
    static final Duration ACROSS_ISPS = Duration.ofSeconds(20);

    private final IspServer server;

    private Isp(IspServer server) {
        this.server = server;
    }

    /** ISP A ({@code isp-a.example}), started if it is not running. */
    public static Isp a() {
        return new Isp(IspServer.a());
    }

    /** ISP B ({@code isp-b.example}). */
    public static Isp b() {
        return new Isp(IspServer.b());
    }

    /** ISP C ({@code isp-c.example}). */
    public static Isp c() {
        return new Isp(IspServer.c());
    }

    /** A second Local IM server node of ISP A, on A's database (R12); started again if an earlier test stopped it. */
    public static Isp aSecondNode() {
        return new Isp(IspServer.aNode2());
    }

    /** Whether this run can start several nodes of one ISP (they share a PostgreSQL database). */
    public static boolean severalNodesPerIsp() {
        return IspServer.isPostgresql();
    }

    public IspServer server() {
        return server;
    }

    public String domain() {
        return server.domain();
    }

    public String universalDomain() {
        return server.universalDomain();
    }

    /** This node's name ({@code node1}, or {@code node2} for {@link #aSecondNode()}). */
    public String node() {
        return server.node();
    }

    /** FIG. 5: a new local-only user (a fresh name starting with {@code name}); fails when refused. */
    public User registers(String name) {
        return register(name, false);
    }

    /** FIG. 5: a new user registered with the Universal IM server too, so other ISPs can reach them (R1, R2). */
    public User registersUniversal(String name) {
        return register(name, true);
    }

    private User register(String name, boolean universal) {
        String userName = Users.unique(name);
        Registration registration = tryToRegister(userName, universal);
        assertThat(registration.status()).as("registration of %s at %s: %s", userName, domain(), registration.body())
                .isEqualTo(201);
        return new User(this, registration.account());
    }

    /** A registration exactly as given, whatever the answer (for names that are taken or malformed). */
    public Registration tryToRegister(String userName, boolean universal) {
        return new Registration(Http.postJson(server.uri("/api/v1/registrations"),
                Users.request(userName, universal).build().toString()));
    }

    /** The public profile of a user of this ISP, as anyone may read it; null when there is no such user. */
    public JsonObject profileOf(String userName) {
        Http.Answer answer = Http.get(server.uri("/api/v1/users/" + userName));
        return answer.status() == 200 ? answer.json() : null;
    }

    /**
     * Peering in both directions over REST, each ISP tracking every new universal user of the other (FIG. 5,
     * 520: the peers the new user is announced to), and each administrator testing the link, as the README
     * has it. The test calls also end a back-off left by an earlier time the other ISP was down (a peer that
     * calls us is up), so what is sent next goes at once. Repeating it changes nothing.
     */
    public Isp federatesWith(Isp... others) {
        return federatesOver("REST", others);
    }

    /** {@link #federatesWith} with each ISP calling the other over {@code transport}, REST or SOAP. */
    public Isp federatesOver(String transport, Isp... others) {
        for (Isp other : others) {
            Federation.peer(server, other.server, transport, true);
            Federation.peer(other.server, server, transport, true);
            testsLinkTo(other);
            other.testsLinkTo(this);
        }
        return this;
    }

    private void testsLinkTo(Isp other) {
        Http.Answer test = Http.postJson(server.uri("/api/v1/admin/peers/" + other.domain() + "/test"), "", "admin",
                IspServer.ADMIN_PASSWORD);
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().getBoolean("reachable")).as("%s reaches %s: %s", domain(), other.domain(), test.body()).isTrue();
    }

    /** Waits until this ISP's Universal IM server has stored {@code user} of another ISP as announced to it (520). */
    public void hasStoredAnnounced(User user) {
        await().atMost(ACROSS_ISPS).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(foreignUsers()).as("users of other ISPs stored at %s", domain())
                        .anyMatch(f -> f.getString("address").equals(user.universalAddress()) && f.getBoolean("announced")));
    }

    /** The users of other ISPs this ISP's Universal IM server keeps, as its administrator sees them. */
    public List<JsonObject> foreignUsers() {
        Http.Answer answer = Http.get(server.uri("/api/v1/admin/foreign-users"), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.jsonArray().getValuesAs(JsonObject.class);
    }

    @Override
    public String toString() {
        return domain() + "/" + node();
    }

    /** What a registering client is told. */
    public record Registration(Http.Answer answer) {

        public int status() {
            return answer.status();
        }

        public String body() {
            return answer.body();
        }

        public JsonObject account() {
            return answer.json();
        }

        /** The error code of a refused registration ({@code name_taken}, {@code validation_failed}, ...). */
        public String error() {
            return answer.json().getString("error");
        }
    }
}
