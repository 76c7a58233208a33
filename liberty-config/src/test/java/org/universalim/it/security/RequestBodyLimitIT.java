package org.universalim.it.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON body over the limit (64 KiB by default) is refused with 413 before it is read: announced by
 * Content-Length, or counted while a chunked body arrives. Raw sockets, so the test sends only part of the body
 * and sees that the server answers without waiting for the rest.
 */
class RequestBodyLimitIT {

    static final int LIMIT = 64 * 1024;

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    @Test
    void anAnnouncedFiftyMegabyteBodyIsRefusedBeforeItIsSent() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (50 * 1024 * 1024) + "\r\n\r\n{\"userName\": \"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertRefused(readResponse(socket.getInputStream()));
        }
    }

    @Test
    void aChunkedBodyIsCountedWhileItArrives() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String chunk = "x".repeat(8192);
            out.write(chunk("{\"userName\": \"" + chunk));
            try {
                for (int i = 0; i < 12; i++) {
                    out.write(chunk(chunk));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close while we still send: what it answered counts
            }
            // no last chunk: a server that waits for the end of the body never answers
            assertRefused(readResponse(socket.getInputStream()));
        }
    }

    @Test
    void aBodyUnderTheLimitIsReadAsUsual() {
        String padded = Users.request(Users.unique("limit"), false).add("postalAddress", "y".repeat(LIMIT - 2048))
                .build().toString();
        Http.Answer answer = Http.postJson(isp.uri("/api/v1/registrations"), padded);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getJsonArray("fieldErrors").getJsonObject(0).getString("field")).isEqualTo("postalAddress");
    }

    private static void assertRefused(String response) {
        assertThat(response).startsWith("HTTP/1.1 413");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (response.toLowerCase().contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf('}') + 1);
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject error = reader.readObject();
            assertThat(error.getInt("status")).isEqualTo(413);
            assertThat(error.getString("error")).isEqualTo("payload_too_large");
            assertThat(error.getString("message")).contains("65536");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", isp.httpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] chunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Status line, headers and the body the server sent (up to its Content-Length or the end of a chunked answer). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                got.write(buffer, 0, n);
                String text = got.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0 && complete(text, end + 4)) {
                    return text;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 10 s; received: " + got.toString(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            if (got.size() == 0) {
                throw reset;
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String text, int bodyStart) {
        String head = text.substring(0, bodyStart).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(head.substring(at + 15, head.indexOf("\r\n", at)).strip());
            return text.length() - bodyStart >= length;
        }
        return text.endsWith("0\r\n\r\n");
    }
}
