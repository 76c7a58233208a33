package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/** R9: the Local IM server carries JSON between local-only users and the universal XML between universal users. */
class BimodalIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void localOnlyUsersGetJsonAndUniversalUsersGetTheUniversalXml() {
        String tom = Users.register(isp, "tom", false);
        String uma = Users.register(isp, "uma", false);
        String vic = Users.register(isp, "vic", true);
        String wes = Users.register(isp, "wes", true);
        try (LocalClient t = LocalClient.login(isp, tom, "pc"); LocalClient u = LocalClient.login(isp, uma, "pc");
             LocalClient v = LocalClient.login(isp, vic, "pc"); LocalClient w = LocalClient.login(isp, wes, "pc")) {
            String json = t.request("message.send", Json.createObjectBuilder().add("to", uma + "@isp-a.example")
                    .add("body", "plain")).getString("messageId");
            JsonObject local = u.awaitPush("message", f -> f.getString("messageId").equals(json));
            assertThat(local.getString("format")).isEqualTo("json");
            assertThat(local.getString("body")).isEqualTo("plain");
            assertThat(local.containsKey("xml")).isFalse();

            String xml = v.request("message.send", Json.createObjectBuilder().add("to", wes + "@isp-a-u.example")
                    .add("body", "<universal> & more")).getString("messageId");
            JsonObject universal = w.awaitPush("message", f -> f.getString("messageId").equals(xml));
            assertThat(universal.getString("format")).isEqualTo("xml");
            assertThat(universal.getString("from")).isEqualTo(vic + "@isp-a-u.example");
            assertThat(universal.getString("xml")).startsWith("<message xmlns=\"jabber:client\"")
                    .contains("from=\"" + vic + "@isp-a-u.example\"")
                    .contains("<body>&lt;universal&gt; &amp; more</body>")
                    .contains("urn:universal-im:message:1");

            // a universal user writing to a local-only user: the local-only side decides, JSON
            String mixed = v.request("message.send", Json.createObjectBuilder().add("to", tom + "@isp-a.example")
                    .add("body", "mixed")).getString("messageId");
            assertThat(t.awaitPush("message", f -> f.getString("messageId").equals(mixed)).getString("format")).isEqualTo("json");
        }
    }

    @Test
    void upgradingKeepsTheRosterAndTheHistory() {
        String xena = Users.register(isp, "xena", false);
        String yves = Users.register(isp, "yves", false);
        try (LocalClient x = LocalClient.login(isp, xena, "pc"); LocalClient y = LocalClient.login(isp, yves, "pc")) {
            Contacts.mutual(x, xena + "@isp-a.example", y, yves + "@isp-a.example");
            String id = x.request("message.send", Json.createObjectBuilder().add("to", yves + "@isp-a.example")
                    .add("body", "before the upgrade")).getString("messageId");
            y.awaitPush("message", f -> f.getString("messageId").equals(id));

            JsonObject upgraded = x.request("account.upgrade");
            assertThat(upgraded.getJsonObject("account").getString("universalAddress")).isEqualTo(xena + "@isp-a-u.example");

            JsonObject entry = x.request("roster.get").getJsonArray("roster").getJsonObject(0);
            assertThat(entry.getString("contact")).isEqualTo(yves + "@isp-a.example");
            assertThat(entry.getString("subscription")).isEqualTo("BOTH");
            assertThat(x.request("history.get", Json.createObjectBuilder().add("contact", yves + "@isp-a.example"))
                    .getJsonArray("messages").getJsonObject(0).getString("body")).isEqualTo("before the upgrade");
            // yves now sees xena as a universal contact, under her universal address
            JsonObject seen = y.request("roster.get").getJsonArray("roster").getJsonObject(0);
            assertThat(seen.getBoolean("universal")).isTrue();
            assertThat(seen.getString("contact")).isEqualTo(xena + "@isp-a-u.example");
        }
    }
}
