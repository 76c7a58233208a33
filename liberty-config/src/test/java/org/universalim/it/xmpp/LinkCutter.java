package org.universalim.it.xmpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a client and a test server that can play a bad network: stop passing what the server sends
 * (the bytes are lost, as on a link that died) and cut every connection with a TCP reset on both sides. New
 * connections after a cut are relayed again. Test code: one thread per direction and connection.
 */
final class LinkCutter implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    private final class Link {
        final Socket client;
        final Socket server;
        volatile boolean serverBytesLost;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void cut() {
            reset(client);
            reset(server);
        }
    }

    LinkCutter(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "link-cutter-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, what the server sends on the current connections is lost. */
    void loseServerBytes() {
        links.forEach(l -> l.serverBytesLost = true);
    }

    /** Every current connection ends with a TCP reset, towards the client and towards the server. */
    void cut() {
        for (Link l : links) {
            l.cut();
            links.remove(l);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5_000);
                Link link = new Link(client, server);
                links.add(link);
                pump(client, server, link, false);
                pump(server, client, link, true);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection fail
            }
        }
    }

    private static void pump(Socket from, Socket to, Link link, boolean fromServer) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromServer && link.serverBytesLost) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // cut, or closed by either side
            }
        }, "link-cutter-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
