package org.universalim.it.security;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket client on a plain socket (RFC 6455, client side only), for what the JDK client cannot do:
 * connect from a chosen local address (127.0.0.2, a client that is not a trusted proxy), over TLS to the
 * test server's self-signed certificate, and with any request header.
 */
final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;

    /** How to connect. */
    record Options(boolean tls, String localAddress, String subprotocol, Map<String, String> headers) {

        static Options plain() {
            return new Options(false, null, null, Map.of());
        }

        Options tlsOn() {
            return new Options(true, localAddress, subprotocol, headers);
        }

        Options from(String local) {
            return new Options(tls, local, subprotocol, headers);
        }

        Options protocol(String name) {
            return new Options(tls, localAddress, name, headers);
        }

        Options header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Options(tls, localAddress, subprotocol, more);
        }
    }

    private RawWebSocket(String host, int port, String path, Options options) throws IOException {
        Socket s = options.tls() ? trustingTls().getSocketFactory().createSocket() : new Socket();
        if (options.localAddress() != null) {
            s.bind(new InetSocketAddress(options.localAddress(), 0));
        }
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(10_000);
        if (s instanceof SSLSocket ssl) {
            ssl.startHandshake();
        }
        this.socket = s;
        this.in = new DataInputStream(s.getInputStream());
        this.out = s.getOutputStream();
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n");
        if (options.subprotocol() != null) {
            request.append("Sec-WebSocket-Protocol: ").append(options.subprotocol()).append("\r\n");
        }
        options.headers().forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead(in);
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        this.status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
    }

    static RawWebSocket open(String host, int port, String path, Options options) {
        try {
            return new RawWebSocket(host, port, path, options);
        } catch (IOException e) {
            throw new IllegalStateException("WebSocket to " + host + ":" + port + path + " failed: " + e, e);
        }
    }

    /** The status of the handshake's answer (101 when upgraded). */
    int status() {
        return status;
    }

    void send(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frame too long for this client");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("send failed: " + e, e);
        }
    }

    /** The next text message, or {@code null} when the server closed the connection. */
    String next(Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return null;
                }
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    return null;
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.writeBytes(payload);
                    if ((first & 0x80) != 0) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
                // pings and pongs are not part of the conversation
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no message within " + wait.toMillis() + " ms");
        } catch (IOException e) {
            return null;
        }
    }

    String next() {
        return next(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The test servers' HTTPS certificate is generated and self-signed: trust any, as only the tests connect. */
    private static SSLContext trustingTls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
