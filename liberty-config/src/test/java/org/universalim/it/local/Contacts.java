package org.universalim.it.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.universalim.it.LocalClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscription dance between two logged-in users, for tests that need contacts. */
public final class Contacts {

    private Contacts() {
    }

    /** {@code watcher} asks to see {@code contact}'s presence and {@code contact} approves. */
    public static void approve(LocalClient watcherClient, String contactAddress, LocalClient contactClient, String watcherAddress) {
        JsonObject added = watcherClient.request("roster.add", Json.createObjectBuilder().add("contact", contactAddress));
        assertThat(added.getString("type")).as(added.toString()).isEqualTo("result");
        contactClient.awaitPush("subscription.request", f -> f.getString("from").equals(watcherAddress));
        JsonObject approved = contactClient.request("subscription.approve", Json.createObjectBuilder().add("contact", watcherAddress));
        assertThat(approved.getString("type")).as(approved.toString()).isEqualTo("result");
        watcherClient.awaitPush("subscription.answer", f -> f.getBoolean("approved"));
    }

    /** Both see each other. */
    public static void mutual(LocalClient a, String aAddress, LocalClient b, String bAddress) {
        approve(a, bAddress, b, aAddress);
        approve(b, aAddress, a, bAddress);
    }

    public static JsonObject message(String to, String body) {
        return Json.createObjectBuilder().add("to", to).add("body", body).build();
    }
}
