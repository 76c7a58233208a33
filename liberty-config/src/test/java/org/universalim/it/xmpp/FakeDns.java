package org.universalim.it.xmpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS server of a few records on loopback (UDP), for the test Prosody's resolver (the test machines have no DNS):
 * SRV records ({@code _xmpp-server._tcp.<domain>} to a host and port, as docs/xmpp-tcp.md's zone) and A records to
 * 127.0.0.1; every other name does not exist. Enough of RFC 1035 for one question per query.
 */
final class FakeDns implements AutoCloseable {

    private static final int SRV = 33;
    private static final int A = 1;

    private final DatagramSocket socket;
    private final Map<String, Integer> srv;
    private final boolean targetIsAddress;
    private final Thread thread;
    private final java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param srv the {@code _xmpp-server._tcp} records: domain to port on 127.0.0.1 (target: the domain itself) */
    FakeDns(int port, Map<String, Integer> srv) throws SocketException {
        this(port, srv, false);
    }

    /**
     * @param targetIsAddress the SRV records' target is {@code 127.0.0.1} written as a name, not the domain: for a
     *                        resolver that looks SRV targets up with the operating system's (ejabberd's), which does not
     *                        ask this server
     */
    FakeDns(int port, Map<String, Integer> srv, boolean targetIsAddress) throws SocketException {
        this.socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        this.srv = srv;
        this.targetIsAddress = targetIsAddress;
        this.thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                // closed, or a query we do not read
            }
        }
    }

    /** The names it was asked about. */
    java.util.Set<String> asked() {
        return asked;
    }

    private byte[] answer(ByteBuffer q) {
        int id = q.getShort() & 0xffff;
        q.getShort();
        if ((q.getShort() & 0xffff) != 1) {
            return null;
        }
        q.position(12);
        int start = 12;
        StringBuilder name = new StringBuilder();
        int len;
        while ((len = q.get() & 0xff) != 0) {
            byte[] label = new byte[len];
            q.get(label);
            name.append(name.length() == 0 ? "" : ".").append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
        }
        int type = q.getShort() & 0xffff;
        q.getShort();
        int end = q.position();
        byte[] question = new byte[end - start];
        q.position(start);
        q.get(question);
        String n = name.toString().toLowerCase(Locale.ROOT);
        asked.add(n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        int answers = 0;
        boolean exists = false;
        if (n.startsWith("_xmpp-server._tcp.")) {
            String domain = n.substring("_xmpp-server._tcp.".length());
            Integer port = srv.get(domain);
            exists = port != null;
            if (exists && type == SRV) {
                short16(rdata, 0);
                short16(rdata, 5);
                short16(rdata, port);
                name(rdata, targetIsAddress ? "127.0.0.1" : domain);
                answers = 1;
            }
        } else if (srv.containsKey(n)) {
            exists = true;
            if (type == A) {
                rdata.writeBytes(new byte[] {127, 0, 0, 1});
                answers = 1;
            }
        }
        short16(out, id);
        short16(out, 0x8580 | (exists ? 0 : 3)); // response, authoritative, recursion; NXDOMAIN when unknown
        short16(out, 1);
        short16(out, answers);
        short16(out, 0);
        short16(out, 0);
        out.writeBytes(question);
        if (answers == 1) {
            short16(out, 0xc00c);
            short16(out, type);
            short16(out, 1);
            short16(out, 0);
            short16(out, 60);
            short16(out, rdata.size());
            out.writeBytes(rdata.toByteArray());
        }
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static void name(ByteArrayOutputStream out, String domain) {
        for (String label : domain.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
    }

    @Override
    public void close() {
        socket.close();
    }
}
