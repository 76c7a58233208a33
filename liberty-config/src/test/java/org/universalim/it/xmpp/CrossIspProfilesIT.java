package org.universalim.it.xmpp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import jakarta.json.Json;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.universalim.it.FederationPki;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.federation.Federation;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.universalim.it.xmpp.ProfilesIT.AVATAR;
import static org.universalim.it.xmpp.ProfilesIT.DEVICELIST;
import static org.universalim.it.xmpp.ProfilesIT.avatar;
import static org.universalim.it.xmpp.ProfilesIT.items;
import static org.universalim.it.xmpp.ProfilesIT.publish;
import static org.universalim.it.xmpp.SmackClients.jid;

/**
 * Profiles across ISPs through the federation contract: a card edited on ISP A read by a contact on ISP B, an
 * OMEMO device list and bundle (XEP-0384, open access) published on A read by and notified to a contact on B, and a
 * peer that speaks only the first version of the contract never asked what it does not know.
 */
class CrossIspProfilesIT {

    static final Duration ACROSS = Duration.ofSeconds(20);

    static IspServer a;
    static IspServer b;

    @BeforeAll
    static void start() {
        a = IspServer.a();
        b = IspServer.b();
        Federation.peer(a, b, "REST", true);
        Federation.peer(b, a, "REST", true);
        // each tests the link, as the README has it (a loaded machine may take a few tries for a first connection)
        for (IspServer[] link : new IspServer[][] {{a, b}, {b, a}}) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Http.postJson(
                    link[0].uri("/api/v1/admin/peers/" + link[1].domain() + "/test"), "", "admin", IspServer.ADMIN_PASSWORD)
                    .json().getBoolean("reachable"));
        }
        AnyPayload.register("list", "eu.siacs.conversations.axolotl");
    }

    static String jidOf(IspServer isp, String user) {
        return user + "@" + isp.universalDomain();
    }

    /** {@code watcher} of one ISP asks to see {@code contact} of another, who approves. */
    static void watches(IspServer watcherIsp, String watcher, IspServer contactIsp, String contact) {
        try (LocalClient w = LocalClient.login(watcherIsp, watcher, "setup"); LocalClient c = LocalClient.login(contactIsp, contact, "setup")) {
            w.request("roster.add", Json.createObjectBuilder().add("contact", jidOf(contactIsp, contact)));
            c.await(f -> f.getString("type").equals("subscription.request") && f.getString("from").equals(jidOf(watcherIsp, watcher)),
                    ACROSS);
            c.request("subscription.approve", Json.createObjectBuilder().add("contact", jidOf(watcherIsp, watcher)));
            w.await(f -> f.getString("type").equals("subscription.answer") && f.getBoolean("approved"), ACROSS);
        }
    }

    @Test
    void aCardEditedOnAShowsUpForAContactOnB() throws Exception {
        String alice = Users.register(a, "alice", true);
        String bob = Users.register(b, "bob", true);
        String carol = Users.register(b, "carol", true);
        watches(b, bob, a, alice);
        ModularXmppClientToServerConnection al = SmackClients.login(a, alice, "pc", null);
        ModularXmppClientToServerConnection bo = SmackClients.login(b, bob, "pc", null);
        ModularXmppClientToServerConnection ca = SmackClients.login(b, carol, "pc", null);
        try {
            VCard card = VCardManager.getInstanceFor(al).loadVCard();
            card.setNickName("Ally of A");
            card.setField("FN", "Alice from A");
            VCardManager.getInstanceFor(al).saveVCard(card);

            VCard seen = VCardManager.getInstanceFor(bo).loadVCard(jid(a, alice));
            assertThat(seen.getNickName()).isEqualTo("Ally of A");
            assertThat(seen.getField("FN")).isEqualTo("Alice from A");
            assertThatThrownBy(() -> VCardManager.getInstanceFor(ca).loadVCard(jid(a, alice)))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        } finally {
            al.disconnect();
            bo.disconnect();
            ca.disconnect();
        }
    }

    @Test
    void anOmemoDeviceListPublishedOnAIsReadByAndNotifiedToAContactOnB() throws Exception {
        String alice = Users.register(a, "alice", true);
        String bob = Users.register(b, "bob", true);
        String carol = Users.register(b, "carol", true);
        watches(b, bob, a, alice);
        EntityBareJid aliceJid = jid(a, alice);
        List<String> devices = new CopyOnWriteArrayList<>();
        ModularXmppClientToServerConnection bo = SmackClients.connection(b, bob, Users.PASSWORD, "phone", null);
        PepManager.getInstanceFor(bo).addPepEventListener(DEVICELIST, AnyPayload.class, (from, list, id, message) -> {
            if (from.equals(aliceJid)) {
                devices.add(list.xml());
            }
        });
        bo.connect().login();
        try (RawXmppClient al = RawXmppClient.loggedIn(a, alice, Users.PASSWORD, "pc");
             RawXmppClient ca = RawXmppClient.loggedIn(b, carol, Users.PASSWORD, "pc")) {
            al.send(publish("o1", DEVICELIST, "current", "<list xmlns='eu.siacs.conversations.axolotl'><device id='31337'/></list>",
                    "pubsub#access_model", "open"));
            assertThat(al.next(f -> f.contains("id=\"o1\""))).contains("type=\"result\"");
            String bundleNode = "eu.siacs.conversations.axolotl.bundles:31337";
            al.send(publish("o2", bundleNode, "current", "<bundle xmlns='eu.siacs.conversations.axolotl'>"
                    + "<signedPreKeyPublic signedPreKeyId='1'>BQ==</signedPreKeyPublic><signedPreKeySignature>AA==</signedPreKeySignature>"
                    + "<identityKey>BQ==</identityKey><prekeys><preKeyPublic preKeyId='1'>BQ==</preKeyPublic></prekeys></bundle>",
                    "pubsub#access_model", "open"));
            assertThat(al.next(f -> f.contains("id=\"o2\""))).contains("type=\"result\"");

            // bob's client on B, which asked with +notify, is told
            await().atMost(ACROSS).until(() -> devices.stream().anyMatch(d -> d.contains("31337")));
            // and reads the list and the bundle with a stock client
            List<PayloadItem<AnyPayload>> list = PubSubManager.getInstanceFor(bo, aliceJid).getLeafNode(DEVICELIST).getItems();
            assertThat(list).hasSize(1);
            assertThat(list.get(0).getPayload().xml()).contains("device").contains("31337");

            // a stranger on B reads what is open, not what is for contacts
            ca.send(items("o3", jidOf(a, alice), bundleNode));
            assertThat(ca.next(f -> f.contains("id=\"o3\""))).contains("type=\"result\"").contains("<identityKey>BQ==</identityKey>");
            al.send(publish("o4", AVATAR, "c0de", avatar("c0de")));
            al.next(f -> f.contains("id=\"o4\""));
            ca.send(items("o5", jidOf(a, alice), AVATAR));
            assertThat(ca.next(f -> f.contains("id=\"o5\""))).contains("type=\"error\"").contains("<not-authorized ")
                    .contains("<presence-subscription-required ");
        } finally {
            bo.disconnect();
        }
    }

    @Test
    void aPeerThatDoesNotAnnounceProfilesIsNeverAskedForThem() throws Exception {
        try (OldPeer y = new OldPeer(a.federationPort() + 42)) {
            String config = Json.createObjectBuilder().add("domain", "isp-y.example").add("baseUrl", y.baseUrl().toString())
                    .add("transport", "REST").add("announceAll", false).build().toString();
            Http.Answer added = Http.postJson(a.uri("/api/v1/admin/peers"), config, "admin", IspServer.ADMIN_PASSWORD);
            if (added.status() == 409) {
                added = Http.putJson(a.uri("/api/v1/admin/peers/isp-y.example"), config, "admin", IspServer.ADMIN_PASSWORD);
            }
            assertThat(added.status()).as(added.body()).isIn(200, 201);
            String alice = Users.register(a, "alice", true);
            String xavier = "xavier@isp-y-u.example";
            // xavier, a user of the old peer, asks to see alice, who approves: he watches her from there
            try (LocalClient al = LocalClient.login(a, alice, "setup")) {
                HttpResponse<String> asked = y.call(a, "subscription-request", "<subscriptionRequest xmlns='urn:universal-im:federation:1' "
                        + "transactionId='y-" + alice + "' requester='" + xavier + "' contact='" + jidOf(a, alice) + "'/>");
                assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
                al.awaitPush("subscription.request", f -> f.getString("from").equals(xavier));
                al.request("subscription.approve", Json.createObjectBuilder().add("contact", xavier));
            }
            try (RawXmppClient c = RawXmppClient.loggedIn(a, alice, Users.PASSWORD, "pc")) {
                c.send("<iq xmlns='jabber:client' type='get' id='y1' to='" + xavier + "'><vCard xmlns='vcard-temp'/></iq>");
                assertThat(c.next(f -> f.contains("id=\"y1\""))).contains("type=\"error\"").contains("<service-unavailable ");
                c.send(items("y2", xavier, AVATAR));
                assertThat(c.next(f -> f.contains("id=\"y2\""))).contains("type=\"error\"").contains("<service-unavailable ");
                // alice's avatar is not sent to the old peer, though its user watches her: her next message is
                c.send(publish("y3", AVATAR, "d00d", avatar("d00d")));
                assertThat(c.next(f -> f.contains("id=\"y3\""))).contains("type=\"result\"");
                c.send("<message xmlns='jabber:client' to='" + xavier + "' type='chat' id='y4'><body>still there?</body></message>");
                await().atMost(ACROSS).until(() -> y.asked().stream().anyMatch(r -> r.startsWith("messages ")));
            }
            assertThat(y.asked()).noneMatch(r -> r.startsWith("profile") || r.startsWith("pep") || r.contains("pepEvent")
                    || r.contains("profileQuery"));
        } finally {
            Http.delete(a.uri("/api/v1/admin/peers/isp-y.example"), "admin", IspServer.ADMIN_PASSWORD);
        }
    }

    @Test
    void aPeersHostileEventsAndQueriesAreRefused() throws Exception {
        try (OldPeer y = new OldPeer(a.federationPort() + 43)) {
            String config = Json.createObjectBuilder().add("domain", "isp-y.example").add("baseUrl", y.baseUrl().toString())
                    .add("transport", "REST").add("announceAll", false).build().toString();
            Http.Answer added = Http.postJson(a.uri("/api/v1/admin/peers"), config, "admin", IspServer.ADMIN_PASSWORD);
            if (added.status() == 409) {
                added = Http.putJson(a.uri("/api/v1/admin/peers/isp-y.example"), config, "admin", IspServer.ADMIN_PASSWORD);
            }
            assertThat(added.status()).as(added.body()).isIn(200, 201);
            String alice = Users.register(a, "alice", true);
            String event = "<pepEventBatch xmlns='urn:universal-im:federation:1' transactionId='h-%s'><event publisher='%s' "
                    + "node='urn:xmpp:avatar:metadata' kind='item' itemId='x'><recipient address='" + jidOf(a, alice) + "'/>"
                    + "<payload>%s</payload></event></pepEventBatch>";
            String deep = "<metadata xmlns='urn:xmpp:avatar:metadata'>" + "<info>".repeat(12) + "</info>".repeat(12) + "</metadata>";
            HttpResponse<String> tooDeep = y.call(a, "pep-events", event.formatted("1", "xavier@isp-y-u.example", deep));
            assertThat(tooDeep.statusCode()).isEqualTo(400);
            assertThat(tooDeep.body()).contains("code=\"invalid\"").contains("deeper");
            String big = "<metadata xmlns='urn:xmpp:avatar:metadata'>" + "A".repeat(40_000) + "</metadata>";
            HttpResponse<String> tooBig = y.call(a, "pep-events", event.formatted("2", "xavier@isp-y-u.example", big));
            assertThat(tooBig.statusCode()).isEqualTo(400);
            assertThat(tooBig.body()).contains("code=\"invalid\"").contains("larger");
            HttpResponse<String> notTheirs = y.call(a, "pep-events", event.formatted("3", "mallory@isp-b-u.example",
                    "<metadata xmlns='urn:xmpp:avatar:metadata'/>"));
            assertThat(notTheirs.statusCode()).isEqualTo(403);
            HttpResponse<String> asksForAnother = y.call(a, "profile", "<profileQuery xmlns='urn:universal-im:federation:1' "
                    + "transactionId='h-4' requester='mallory@isp-b-u.example' owner='" + jidOf(a, alice) + "' kind='vcard'/>");
            assertThat(asksForAnother.statusCode()).isEqualTo(403);
            // a stranger of that peer asks for alice's card: not authorized, and nothing of it is told
            HttpResponse<String> stranger = y.call(a, "profile", "<profileQuery xmlns='urn:universal-im:federation:1' "
                    + "transactionId='h-5' requester='xavier@isp-y-u.example' owner='" + jidOf(a, alice) + "' kind='vcard'/>");
            assertThat(stranger.statusCode()).isEqualTo(200);
            assertThat(stranger.body()).contains("status=\"not_authorized\"").doesNotContain("vCard");
        } finally {
            Http.delete(a.uri("/api/v1/admin/peers/isp-y.example"), "admin", IspServer.ADMIN_PASSWORD);
        }
    }

    /**
     * A peer that speaks the first version of the federation contract (docs/federation.md): its twelve operations,
     * answered as an old server does, and for anything else 404 {@code unknown_operation}; a request it does not
     * know the shape of is invalid (400). It records what it is asked.
     */
    static final class OldPeer implements AutoCloseable {

        private static final Pattern ATTRIBUTE = Pattern.compile("\\s([A-Za-z:]+)=[\"']([^\"']*)[\"']");
        private final HttpsServer server;
        private final int port;
        private final List<String> asked = new CopyOnWriteArrayList<>();

        OldPeer(int port) throws IOException {
            this.port = port;
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(FederationPki.context("isp-y.example")) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                    ssl.setWantClientAuth(true);
                    params.setSSLParameters(ssl);
                }
            });
            server.createContext("/federation/", this::handle);
            server.start();
        }

        List<String> asked() {
            return List.copyOf(asked);
        }

        HttpResponse<String> call(IspServer target, String operation, String xml) throws Exception {
            HttpClient client = HttpClient.newBuilder().sslContext(FederationPki.context("isp-y.example"))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(HttpRequest.newBuilder(target.federationUri("/federation/v1/" + operation)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String operation = path.startsWith("/federation/v1/") ? path.substring("/federation/v1/".length()) : path;
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(operation + " " + body);
            String tx = attribute(body, "transactionId");
            String ns = "xmlns=\"urn:universal-im:federation:1\"";
            String ack = "<ack " + ns + " transactionId=\"" + tx + "\" accepted=\"1\"/>";
            switch (operation) {
                case "status" -> {
                    if (extraAttributes(body, "statusRequest")) {
                        reply(exchange, 400, "<federationError " + ns + " code=\"invalid\" message=\"not a valid statusRequest\"/>");
                    } else {
                        reply(exchange, 200, "<statusResponse " + ns + " domain=\"isp-y.example\" universalDomain=\"isp-y-u.example\" "
                                + "node=\"node1\" version=\"1\" time=\"2026-01-01T00:00:00Z\" peer=\"isp-a.example\"/>");
                    }
                }
                case "messages" -> {
                    StringBuilder results = new StringBuilder("<messageBatchResponse " + ns + " transactionId=\"" + tx + "\">");
                    Matcher ids = Pattern.compile("<message [^>]*\\sid=\"([^\"]+)\"").matcher(body);
                    while (ids.find()) {
                        results.append("<result id=\"").append(ids.group(1)).append("\" status=\"accepted\"/>");
                    }
                    reply(exchange, 200, results.append("</messageBatchResponse>").toString());
                }
                case "track" -> reply(exchange, 200, "<trackResponse " + ns + " transactionId=\"" + tx
                        + "\" known=\"false\" authorized=\"false\"/>");
                case "announce", "untrack", "presence", "subscription-request", "subscription-answer", "unsubscribe", "receipts" ->
                        reply(exchange, 200, ack);
                default -> reply(exchange, 404, "<federationError " + ns + " code=\"unknown_operation\" message=\"no operation\"/>");
            }
        }

        /** Whether the element carries more than its namespace and transaction id (the first version's statusRequest has no more). */
        private static boolean extraAttributes(String body, String element) {
            Matcher start = Pattern.compile("<" + element + "\\b([^>]*)>").matcher(body);
            if (!start.find()) {
                return true;
            }
            Matcher attributes = ATTRIBUTE.matcher(start.group(1));
            while (attributes.find()) {
                if (!attributes.group(1).equals("transactionId") && !attributes.group(1).startsWith("xmlns")) {
                    return true;
                }
            }
            return !start.group(1).trim().endsWith("/") && !body.contains("></" + element + ">");
        }

        private static String attribute(String body, String name) {
            Matcher m = Pattern.compile("\\s" + name + "=[\"']([^\"']*)[\"']").matcher(body);
            return m.find() ? m.group(1) : "none";
        }

        private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
            byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        URI baseUrl() {
            return URI.create("https://isp-y.example:" + port);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
