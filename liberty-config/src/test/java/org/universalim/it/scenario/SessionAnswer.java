package org.universalim.it.scenario;

import jakarta.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer to a connection request (FIG. 6, R8) as the requesting client gets it: established (650) with
 * the recipient's routing and presence, not available (647) with the recipient's devices and windows (R7),
 * or refused with a reason.
 */
public final class SessionAnswer {

    private final JsonObject answer;

    SessionAnswer(JsonObject answer) {
        this.answer = answer;
    }

    public JsonObject json() {
        return answer;
    }

    /** 650: the session is established. */
    public SessionAnswer isEstablished() {
        return status("established");
    }

    /** 647: the recipient is not available on any device. */
    public SessionAnswer isNotAvailable() {
        return status("not_available");
    }

    /** Neither: refused, e.g. {@code unknown_recipient}, {@code not_authorized}, {@code not_universal}. */
    public SessionAnswer isRefused(String code) {
        status("failed");
        assertThat(answer.getString("code")).as(answer.toString()).isEqualTo(code);
        return this;
    }

    /** The routing information: the recipient's device the session goes to. */
    public SessionAnswer onDevice(String device) {
        assertThat(route().getString("device", null)).as(answer.toString()).isEqualTo(device);
        return this;
    }

    /** The routing information: the recipient's ISP. */
    public SessionAnswer atIsp(Isp isp) {
        assertThat(route().getString("isp", null)).as(answer.toString()).isEqualTo(isp.domain());
        return this;
    }

    /** The routing information: the Local IM server node the recipient is connected to (640). */
    public SessionAnswer atNode(Isp node) {
        assertThat(route().getString("node", null)).as(answer.toString()).isEqualTo(node.node());
        return this;
    }

    /** The presence information: the recipient's aggregate state. */
    public SessionAnswer withPresence(String aggregate) {
        assertThat(answer.getJsonObject("presence").getString("aggregate")).as(answer.toString()).isEqualTo(aggregate);
        return this;
    }

    /** Why the recipient is not available, e.g. {@code NO_DEVICE_ONLINE}. */
    public SessionAnswer because(String reason) {
        assertThat(answer.getString("reason", null)).as(answer.toString()).isEqualTo(reason);
        return this;
    }

    /** R7: the answer names the device and when the recipient is usually available on it (HH:mm). */
    public SessionAnswer usuallyAvailableOn(String device, String from, String until) {
        assertThat(answer.getJsonObject("availability").getJsonArray("devices").getValuesAs(JsonObject.class))
                .as(answer.toString())
                .anySatisfy(d -> {
                    assertThat(d.getString("device")).isEqualTo(device);
                    assertThat(d.getJsonArray("windows").getValuesAs(JsonObject.class))
                            .anySatisfy(w -> {
                                assertThat(w.getString("from")).isEqualTo(from);
                                assertThat(w.getString("until")).isEqualTo(until);
                            });
                });
        return this;
    }

    private SessionAnswer status(String status) {
        assertThat(answer.getString("status")).as(answer.toString()).isEqualTo(status);
        return this;
    }

    private JsonObject route() {
        assertThat(answer.containsKey("route")).as(answer.toString()).isTrue();
        return answer.getJsonObject("route");
    }

    @Override
    public String toString() {
        return answer.toString();
    }
}
