package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An XMPP resource that has bound but not yet sent its initial presence is not available (RFC 6121 4.2): the
 * messages stored for its user are not given to it then (R4), and come, oldest first, after the initial presence.
 */
class StoredBeforeInitialPresenceIT {

    @Test
    void storedMessagesWaitForTheInitialPresence() {
        IspServer a = IspServer.a();
        String xia = Users.register(a, "xia", true);
        String yul = Users.register(a, "yul", true);
        try (LocalClient x = LocalClient.login(a, xia, "pc");
             RawXmppClient y = RawXmppClient.loggedIn(a, yul, Users.PASSWORD, "laptop")) {
            for (String body : List.of("first", "second")) {
                JsonObject sent = x.request("message.send", Json.createObjectBuilder().add("to", yul + "@isp-a-u.example")
                        .add("body", body));
                assertThat(sent.getString("status")).as(sent.toString()).isEqualTo("stored");
            }
            y.send("<iq xmlns='jabber:client' type='get' id='ping1'><ping xmlns='urn:xmpp:ping'/></iq>");
            y.next(f -> f.contains("id=\"ping1\"") || f.contains("id='ping1'"));
            assertThat(y.frames()).as("stanzas before the initial presence").noneMatch(f -> f.startsWith("<message"));

            y.send("<presence xmlns='jabber:client'/>");
            assertThat(y.next(f -> f.startsWith("<message"))).contains("first");
            assertThat(y.next(f -> f.startsWith("<message"))).contains("second");
        }
    }
}
