package org.universalim.it.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An Authorization header that is not proper HTTP Basic is a failed sign-in (401 with a challenge), never a 500. */
class MalformedBasicIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void undecodableBasicHeadersAre401WithAChallengeForUsersAndAdministrators() {
        List<String> headers = List.of(
                "Basic Zm9v",                                   // "foo": no colon
                "Basic !!!not base64!!!",
                "Basic",
                "Basic ",
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3}),
                "Basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)),
                "Basic " + "QQ".repeat(5000),
                "Bearer abc.def.ghi");
        for (String path : List.of("/api/v1/me", "/api/v1/admin/counters")) {
            for (String header : headers) {
                Http.Answer answer = Http.send(HttpRequest.newBuilder(isp.uri(path)).header("Authorization", header).GET());
                assertThat(answer.status()).as(path + " with " + header.substring(0, Math.min(30, header.length())))
                        .isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=");
                assertThat(answer.body()).doesNotContain("Exception", "java.", "at org.", "at com.", "SRVE");
            }
        }
    }
}
