package org.universalim.it.scenario;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.universalim.it.LocalClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of a user's devices, logged on to its Local IM server with the Local IM protocol (R3, R10): what the
 * user does there and what the user sees there. Closing it closes the connection.
 */
public final class Device implements AutoCloseable {

    /** How long anything a user waits for may take, also across ISPs and nodes on a loaded machine. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final User user;
    private final String name;
    private final LocalClient client;

    Device(User user, String name, LocalClient client) {
        this.user = user;
        this.name = name;
        this.client = client;
    }

    public User user() {
        return user;
    }

    public String name() {
        return name;
    }

    /** The connection underneath, for what the scenario layer does not say. */
    public LocalClient client() {
        return client;
    }

    /** The account the Local IM server answered the log-on with. */
    public JsonObject account() {
        return client.received().stream().filter(f -> "login".equals(f.getString("for", null))).findFirst()
                .orElseThrow(() -> new AssertionError("no answer to the log-on of " + this)).getJsonObject("account");
    }

    /** The user puts {@code contact} on the roster and asks to see their presence (R5). */
    public Device asksToSee(User contact) {
        expectResult(client.request("roster.add", Json.createObjectBuilder().add("contact", contact.address())));
        return this;
    }

    /**
     * The user, told on this device that {@code watcher}'s user asks to see their presence, agrees; waits until
     * the watcher is told.
     */
    public Device approves(Device watcher) {
        JsonObject asked = client.await(f -> "subscription.request".equals(f.getString("type"))
                && watcher.user.isAddressedBy(f.getString("from", null)), WAIT);
        expectResult(client.request("subscription.approve", Json.createObjectBuilder().add("contact", asked.getString("from"))));
        watcher.client.await(f -> "subscription.answer".equals(f.getString("type")) && user.isAddressedBy(f.getString("contact", null))
                && f.getBoolean("approved"), WAIT);
        return this;
    }

    /** Both users ask to see each other and both agree. */
    public Device andTheyLetEachOtherSee(Device other) {
        asksToSee(other.user);
        other.approves(this);
        other.asksToSee(user);
        approves(other);
        return this;
    }

    /** What this device shows of {@code contact}'s presence (R6). */
    public PresenceView sees(User contact) {
        return new PresenceView(this, contact);
    }

    /** FIG. 6: the user asks for an IM session with {@code contact}; the answer as the client gets it. */
    public SessionAnswer asksForSessionWith(User contact) {
        return asksForSessionWith(contact.address());
    }

    /** FIG. 6 with an address typed by hand (605: "type the name ... of the second user"). */
    public SessionAnswer asksForSessionWith(String address) {
        JsonObject result = client.request("connect", Json.createObjectBuilder().add("contact", address));
        expectResult(result);
        return new SessionAnswer(result.getJsonObject("answer"));
    }

    /** Sends a text message to {@code to}; the answer once the server has it durably. */
    public Sent sendsTo(User to, String body) {
        return new Sent(this, client.request("message.send", Json.createObjectBuilder().add("to", to.address()).add("body", body)));
    }

    /** Waits until this device is given the message (and acknowledges it); returns it as pushed. */
    public JsonObject receives(Sent message) {
        return client.await(f -> "message".equals(f.getString("type")) && message.messageId().equals(f.getString("messageId", null)),
                WAIT);
    }

    /** R7: the user asks to be told when {@code contact} becomes available; returns the alert's id. */
    public long setsAlertFor(User contact) {
        JsonObject result = client.request("alert.set", Json.createObjectBuilder().add("contact", contact.address()));
        expectResult(result);
        JsonObject alert = result.getJsonObject("alert");
        assertThat(alert.getString("state")).isEqualTo("PENDING");
        return alert.getJsonNumber("id").longValue();
    }

    /** Waits until this device is told that the alert fired; returns the notification. */
    public JsonObject isToldAvailable(long alertId) {
        return client.await(f -> "alert.fired".equals(f.getString("type")) && f.getJsonNumber("alertId").longValue() == alertId,
                WAIT);
    }

    /** The user sets this device's state (R3): READY, BUSY, AWAY, DO_NOT_DISTURB. */
    public Device setsState(String state) {
        expectResult(client.request("presence.set", Json.createObjectBuilder().add("state", state)));
        return this;
    }

    /** The user logs off this device; the connection ends. */
    public void logsOff() {
        expectResult(client.request("logout"));
    }

    /** A request for which the scenario layer has no word; fails unless it succeeds. */
    public JsonObject requests(String type, JsonObjectBuilder fields) {
        JsonObject result = client.request(type, fields);
        expectResult(result);
        return result;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return user + "/" + name;
    }

    private static void expectResult(JsonObject answer) {
        assertThat(answer.getString("type")).as(answer.toString()).isEqualTo("result");
    }
}
