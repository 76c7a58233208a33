package org.universalim.it.security;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a client port answers is our JSON error shape (status, code, a sentence), and no error names a
 * class, a parser's message or a Liberty message (docs/rest-api.md, docs/security.md).
 */
class ErrorShapeIT {

    /** What must never reach a client: class and package names, parser and container internals. */
    static final List<String> INTERNALS = List.of("org.universalim", "java.", "jakarta.", "Exception", "Invalid token",
            "line no", "START_ARRAY", "END_ARRAY", "Unexpected state", "class ", "SRVE", "CWWW", "<html", "<H1>", "$WSEP");

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void unreadableBodiesGetOurShapeWithoutParserInternals() {
        String name = Users.unique("shape");
        for (String body : List.of("{\"userName\":", "", "[1, 2]", "{\"userName\": [\"" + name + "\"]}", "\"text\"",
                "{\"userName\": \"" + name + "\", \"password\": \"correct horse battery\", \"fullName\": \"X\", \"universal\": \"yes\"}",
                "{\"userName\": \"" + name + "\", \"password\": 12345678901, \"fullName\": \"X\"}")) {
            Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            JsonObject error = ourShape(answer);
            assertThat(error.getString("error")).as(body).isIn("malformed_request", "validation_failed");
        }
    }

    @Test
    void aWrongTypeNamesTheFieldInWords() {
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), "{\"userName\": \"" + Users.unique("shape")
                + "\", \"password\": \"correct horse battery\", \"fullName\": \"X\", \"universal\": \"yes\"}");
        JsonObject error = ourShape(answer);
        assertThat(error.getString("error")).isEqualTo("validation_failed");
        assertThat(error.getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("universal");
    }

    @Test
    void theRuntimesOwnRefusalsGetOurShape() {
        assertThat(ourShape(Http.get(isp.uri("/api/v1/nothing-here"))).getString("error")).isEqualTo("not_found");
        Http.Answer get = Http.get(isp.uri("/api/v1/registrations"));
        assertThat(ourShape(get).getString("error")).isEqualTo("method_not_allowed");
        Http.Answer text = Http.send(HttpRequest.newBuilder(isp.uri("/api/v1/registrations"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(ourShape(text).getString("error")).isEqualTo("unsupported_media_type");
        Http.Answer html = Http.send(HttpRequest.newBuilder(isp.uri("/api/v1/users/nobody")).header("Accept", "text/html").GET());
        assertThat(ourShape(html).getString("error")).isEqualTo("not_acceptable");
    }

    @Test
    void containerErrorPagesGetOurShape() {
        for (String path : List.of("/nothing-here", "/js/nothing.js", "/ws/local", "/xmpp-websocket",
                "/api/v1/users/%2e%2e", "/api/v1/users/a%2fb", "/%c0%ae%c0%ae/", "/federation/v1/schema")) {
            Http.Answer answer = Http.get(isp.uri(path));
            assertThat(answer.status()).as(path).isBetween(400, 499);
            ourShape(answer);
        }
    }

    @Test
    void libertysOwnApplicationsNameNoClasses() {
        for (String path : List.of("/health/nothing-here", "/openapi/nothing-here")) {
            Http.Answer answer = Http.get(isp.uri(path));
            assertThat(answer.status()).as(path).isEqualTo(404);
            for (String internal : INTERNALS) {
                assertThat(answer.body()).as(path).doesNotContain(internal);
            }
        }
    }

    @Test
    void signInRefusalsGetOurShape() {
        Http.Answer anonymous = Http.get(isp.uri("/api/v1/me"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(ourShape(anonymous).getString("error")).isEqualTo("authentication_failed");
        String user = Users.register(isp, "shape", false);
        Http.Answer notAdmin = Http.get(isp.uri("/api/v1/admin/users"), user, Users.PASSWORD);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(ourShape(notAdmin).getString("error")).isEqualTo("forbidden");
    }

    @Test
    void queryParametersOutOfRangeAreRefusedNotWrapped() {
        String user = Users.register(isp, "shape", false);
        Http.Answer answer = Http.get(isp.uri("/api/v1/me/rules/decision?application=text&securityLevel=4294967296"),
                user, Users.PASSWORD);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(ourShape(answer).getString("error")).isEqualTo("validation_failed");
        Http.Answer page = Http.get(isp.uri("/api/v1/admin/users?offset=0&limit=99999999999"), "admin", IspServer.ADMIN_PASSWORD);
        assertThat(page.status()).isEqualTo(400);
        assertThat(ourShape(page).getString("error")).isEqualTo("validation_failed");
    }

    /** The body is our JSON error shape for the answer's status, with nothing internal in it. */
    static JsonObject ourShape(Http.Answer answer) {
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/json");
        for (String internal : INTERNALS) {
            assertThat(answer.body()).as("status %d", answer.status()).doesNotContain(internal);
        }
        JsonObject error = answer.json();
        assertThat(error.getInt("status")).isEqualTo(answer.status());
        assertThat(error.getString("error")).matches("[a-z_]+");
        assertThat(error.getString("message")).isNotBlank();
        return error;
    }
}
