package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored messages follow the presence logic rules (R4) as live ones do: a device set to do-not-disturb, or connected
 * but invisible (its state set to OFFLINE), is not given them; they come, oldest first, once the device is available (the XMPP
 * resource before its initial presence: {@code xmpp/StoredBeforeInitialPresenceIT}).
 */
class StoredDeliveryRulesIT {

    @Test
    void aDeviceInDoNotDisturbGetsStoredMessagesOnlyOnceAvailable() {
        IspServer a = IspServer.a();
        String tom = Users.register(a, "tom", false);
        String uma = Users.register(a, "uma", false);
        try (LocalClient t = LocalClient.login(a, tom, "pc");
             LocalClient u = loginIn(a, uma, "DO_NOT_DISTURB")) {
            storedTwice(t, uma);
            // what the do-not-disturb device was given until now
            u.request("ping");
            List<JsonObject> meanwhile = u.received("message");
            u.request("presence.set", Json.createObjectBuilder().add("state", "READY"));
            assertThat(meanwhile).as("messages given to a device in do-not-disturb").isEmpty();
            u.await(f -> f.getString("type").equals("message") && f.getString("body").equals("second"));
            assertThat(u.received("message")).extracting(f -> f.getString("body")).containsExactly("first", "second");
        }
    }

    @Test
    void anInvisibleDeviceGetsStoredMessagesOnlyOnceVisible() {
        IspServer a = IspServer.a();
        String vic = Users.register(a, "vic", false);
        String wes = Users.register(a, "wes", false);
        try (LocalClient v = LocalClient.login(a, vic, "pc");
             LocalClient w = LocalClient.login(a, wes, "pc")) {
            // connected, but shown offline to everyone: invisible
            w.request("presence.set", Json.createObjectBuilder().add("state", "OFFLINE"));
            storedTwice(v, wes);
            w.request("ping");
            List<JsonObject> meanwhile = w.received("message");
            w.request("presence.set", Json.createObjectBuilder().add("state", "BUSY"));
            assertThat(meanwhile).as("messages given to an invisible device").isEmpty();
            w.await(f -> f.getString("type").equals("message") && f.getString("body").equals("second"));
            assertThat(w.received("message")).extracting(f -> f.getString("body")).containsExactly("first", "second");
        }
    }

    private static LocalClient loginIn(IspServer isp, String user, String state) {
        LocalClient client = LocalClient.connect(isp);
        JsonObject answer = client.request("login", Json.createObjectBuilder().add("user", user).add("password", Users.PASSWORD)
                .add("device", "pc").add("state", state));
        assertThat(answer.getString("type")).as(answer.toString()).isEqualTo("result");
        return client;
    }

    private static void storedTwice(LocalClient from, String to) {
        for (String body : List.of("first", "second")) {
            JsonObject sent = from.request("message.send", Json.createObjectBuilder().add("to", to + "@isp-a.example").add("body", body));
            assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("stored");
        }
    }
}
