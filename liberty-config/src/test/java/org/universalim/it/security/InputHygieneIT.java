package org.universalim.it.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names other users see (screen names, full names, device names, XMPP resources) never hold bidi controls or
 * control characters: the PRECIS profiles refuse them (RFC 8264, 8265, 8266), and normalise spaces.
 */
class InputHygieneIT {

    /** RIGHT-TO-LEFT OVERRIDE: "\u202Enimda" renders as "admin". */
    static final String RLO = "\u202E";

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void screenAndFullNamesWithBidiOrControlCharactersAreRefused() {
        assertRefused(Users.request(Users.unique("hyg"), false).add("screenName", RLO + "nimda").build(), "screenName");
        assertRefused(Users.request(Users.unique("hyg"), false).add("fullName", "Eve\u0007 Example").build(), "fullName");
        assertRefused(Users.request(Users.unique("hyg"), false).add("fullName", "Eve\u0085Example").build(), "fullName");
        assertRefused(Users.request(Users.unique("hyg"), false).add("screenName", "zero\u200Bwidth").build(), "screenName");
        assertRefused(Users.request(Users.unique("hyg"), false).add("password", "secret " + RLO + "password").build(), "password");
    }

    @Test
    void spacesInNamesAreNormalised() {
        String name = Users.unique("hyg");
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), Users.request(name, false)
                .add("screenName", "  Ali\u00A0\u00A0Baba ").add("fullName", "Ali   Baba").build().toString());
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().getJsonObject("attributes").getString("screenName")).isEqualTo("Ali Baba");
        assertThat(answer.json().getJsonObject("attributes").getString("fullName")).isEqualTo("Ali Baba");
        assertThat(Http.get(isp.uri("/api/v1/users/" + name)).json().getString("screenName")).isEqualTo("Ali Baba");
    }

    @Test
    void deviceNamesWithBidiOrControlCharactersAreRefusedOnEveryDoor() {
        String user = Users.register(isp, "hyg", true);
        Http.Answer rest = Http.postJson(isp.uri("/api/v1/me/devices"), Json.createObjectBuilder()
                .add("name", RLO + "enohp").build().toString(), user, Users.PASSWORD);
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.json().getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("name");

        try (LocalClient c = LocalClient.connect(isp)) {
            JsonObject login = c.request("login", Json.createObjectBuilder().add("user", user)
                    .add("password", Users.PASSWORD).add("device", "pc" + RLO));
            assertThat(login.getString("code")).isEqualTo("validation_failed");
            assertThat(c.request("login", Json.createObjectBuilder().add("user", user).add("password", Users.PASSWORD)
                    .add("device", "tab\u0001")).getString("code")).isEqualTo("validation_failed");
        }

        ModularXmppClientToServerConnection xmpp = xmpp(user, RLO + "nimda");
        try {
            assertThatThrownBy(() -> xmpp.connect().login()).isInstanceOf(XMPPException.XMPPErrorException.class)
                    .hasMessageContaining("bad-request");
        } finally {
            xmpp.disconnect();
        }

        Http.Answer devices = Http.get(isp.uri("/api/v1/me/devices"), user, Users.PASSWORD);
        assertThat(devices.body()).doesNotContain(RLO).doesNotContain("\\u202e").doesNotContain("\\u0001");
    }

    private static void assertRefused(JsonObject request, String field) {
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), request.toString());
        assertThat(answer.status()).as(field).isEqualTo(400);
        JsonObject error = answer.json();
        assertThat(error.getString("error")).isEqualTo("validation_failed");
        assertThat(error.getJsonArray("fieldErrors").getValuesAs(JsonObject.class))
                .anySatisfy(e -> assertThat(e.getString("field")).isEqualTo(field));
    }

    /** Smack, the stock client, with SCRAM over ws:// on loopback, binding the given resource. */
    private static ModularXmppClientToServerConnection xmpp(String user, String resource) {
        try {
            ModularXmppClientToServerConnectionConfiguration.Builder builder = ModularXmppClientToServerConnectionConfiguration
                    .builder().removeAllModules().setXmppDomain(isp.universalDomain())
                    .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
                    .setUsernameAndPassword(user, Users.PASSWORD).setResource(resource)
                    .addEnabledSaslMechanism("SCRAM-SHA-1");
            builder.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(builder)
                    .explicitlySetWebSocketEndpointAndDiscovery(isp.ws("/xmpp-websocket"), false).build());
            ModularXmppClientToServerConnection connection = new ModularXmppClientToServerConnection(builder.build());
            connection.setReplyTimeout(10_000);
            return connection;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
