package org.universalim.it.security;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client written on a plain TCP socket (RFC 6455), so a test can do what the JDK client never
 * does: hold a connection without a word, and drop it with a TCP reset right after a close frame. Blocking,
 * one thread at a time.
 */
final class RawTextSocket implements TextSocket {

    /** The server refused the upgrade with an HTTP status. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String head) {
            super("upgrade refused: " + head);
            this.status = status;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TEXT = 1;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int closeCode = Integer.MIN_VALUE;

    private RawTextSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and upgrades to a WebSocket.
     *
     * @throws Refused when the server answers the upgrade with anything but 101
     */
    static RawTextSocket connect(URI ws, String subprotocol, Duration timeout) throws IOException {
        return connect(ws, subprotocol, timeout, null);
    }

    /** As {@link #connect(URI, String, Duration)}, from a given local address (e.g. 127.0.0.2, another client). */
    static RawTextSocket connect(URI ws, String subprotocol, Duration timeout, InetAddress from) throws IOException {
        Socket socket = new Socket();
        try {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String request = "GET " + ws.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status != 101) {
                throw new Refused(status, head.lines().findFirst().orElse(head));
            }
            return new RawTextSocket(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The response head, up to the blank line (read byte by byte so no frame byte is consumed). */
    private static String readHead(Socket socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) {
                throw new IOException("upgrade response head too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void send(String text) {
        try {
            writeFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends bytes as they are, e.g. a frame cut in the middle. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        synchronized (out) {
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    @Override
    public String next(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes((int) length);
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i & 3];
                    }
                }
                int opcode = b0 & 0x0f;
                if (opcode == CLOSE) {
                    closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    throw new AssertionError("the server closed the connection with " + closeCode);
                } else if (opcode == PING) {
                    writeFrame(PONG, payload);
                } else if (opcode != PONG) {
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (EOFException e) {
            closeCode = -1;
            throw new AssertionError("the server dropped the connection", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (closeCode == Integer.MIN_VALUE) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                next(Duration.ofMillis(left));
            } catch (AssertionError closed) {
                break;
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof SocketTimeoutException) {
                    throw new AssertionError("the server did not close the connection within " + timeout.toMillis() + " ms");
                }
                closeCode = -1; // reset by the server
            }
        }
        return closeCode;
    }

    /** Drops the connection with a TCP reset (no close frame, no FIN). */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    @Override
    public void leaveRudely(String lastWords) {
        try {
            if (lastWords != null) {
                writeFrame(TEXT, lastWords.getBytes(StandardCharsets.UTF_8));
            }
            writeFrame(CLOSE, new byte[] {0x03, (byte) 0xe8});
        } catch (IOException ignored) {
            // the server may have closed first: reset anyway
        }
        reset();
    }

    boolean isClosedByServer() {
        return closeCode != Integer.MIN_VALUE;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
