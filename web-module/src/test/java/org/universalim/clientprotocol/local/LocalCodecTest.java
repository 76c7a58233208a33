package org.universalim.clientprotocol.local;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.universalim.platform.FieldError;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.ReceiptStatus;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Local protocol's JSON frames, malformed input included. */
class LocalCodecTest {

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void readsAFrameWithAType() throws Exception {
        JsonObject frame = LocalCodec.read("{\"type\": \"ping\", \"id\": 7}");
        assertThat(frame.getString("type")).isEqualTo("ping");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{", "{\"type\": }", "[]", "\"ping\"", "42", "null", "{}",
            "{\"type\": 5}", "{\"type\": null}", "{\"type\": [\"ping\"]}", "{\"type\": \"ping\"} trailing"})
    void refusesWhatIsNotAJsonObjectWithAStringType(String text) {
        assertThatThrownBy(() -> LocalCodec.read(text)).isInstanceOf(LocalCodec.MalformedFrame.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void writesResultsAndErrorsWithTheFramesId() {
        JsonObject result = parse(LocalCodec.result(Json.createValue("c1"), "ping", Json.createObjectBuilder().add("x", 1)));
        assertThat(result.getString("type")).isEqualTo("result");
        assertThat(result.getString("id")).isEqualTo("c1");
        assertThat(result.getString("for")).isEqualTo("ping");
        assertThat(result.getInt("x")).isEqualTo(1);

        JsonObject error = parse(LocalCodec.error(Json.createValue(3), "message.send", "validation_failed", "bad",
                List.of(new FieldError("to", "an address has the form name@domain"))));
        assertThat(error.getInt("id")).isEqualTo(3);
        assertThat(error.getString("code")).isEqualTo("validation_failed");
        assertThat(error.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("to");
    }

    @Test
    void aMessageBetweenLocalUsersIsJsonAndBetweenUniversalUsersCarriesTheXml() {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        JsonObject json = parse(LocalCodec.push(new Delivery.Message("m1", "a@isp-a.example", "b@isp-a.example", "text", 0,
                "hi \"there\"", at, false, "json", null)));
        assertThat(json.getString("type")).isEqualTo("message");
        assertThat(json.getString("format")).isEqualTo("json");
        assertThat(json.getString("body")).isEqualTo("hi \"there\"");

        JsonObject xml = parse(LocalCodec.push(new Delivery.Message("m2", "a@isp-a-u.example", "b@isp-a-u.example", "text", 0,
                "hi", at, true, "xml", "<message/>")));
        assertThat(xml.getString("format")).isEqualTo("xml");
        assertThat(xml.getString("xml")).isEqualTo("<message/>");
        assertThat(xml.containsKey("body")).isFalse();
        assertThat(xml.getBoolean("offline")).isTrue();
    }

    @Test
    void everyPushHasItsType() {
        assertThat(parse(LocalCodec.push(new Delivery.SubscriptionRequest("a@isp-a.example", null))).getString("type"))
                .isEqualTo("subscription.request");
        assertThat(parse(LocalCodec.push(new Delivery.SubscriptionAnswer("a@isp-a.example", true))).getString("type"))
                .isEqualTo("subscription.answer");
        assertThat(parse(LocalCodec.push(new Delivery.Receipt("m1", "b@isp-a.example", ReceiptStatus.DELIVERED, "pc", null)))
                .getString("device")).isEqualTo("pc");
        assertThat(parse(LocalCodec.push(new Delivery.AlertFired(5, "b@isp-a.example", "pc", Instant.EPOCH)))
                .getInt("alertId")).isEqualTo(5);
    }
}
