package org.universalim.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A WebSocket opening handshake (RFC 6455 4.1) as a browser page sends it, by hand: what the server answers before any frame. */
public final class WebSocketHandshake {

    private WebSocketHandshake() {
    }

    /**
     * The HTTP status line the server answers an upgrade of {@code ws} with, as a page of {@code origin} asks for it
     * (101 when it is accepted).
     */
    public static String statusLine(URI ws, String origin, String subprotocol) {
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString("universal-im-key".getBytes(StandardCharsets.US_ASCII)) + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of {@link #statusLine}. */
    public static int status(URI ws, String origin, String subprotocol) {
        String line = statusLine(ws, origin, subprotocol);
        String[] parts = line.split(" ");
        if (parts.length < 2) {
            throw new AssertionError("no HTTP status line: '" + line + "'");
        }
        return Integer.parseInt(parts[1]);
    }
}
