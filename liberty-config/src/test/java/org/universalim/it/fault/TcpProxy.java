package org.universalim.it.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between the test's clients and a server's client port, so that a test can cut every link the way a
 * dead mobile network does: {@link #resetAll} closes both ends with a TCP reset (SO_LINGER 0), no WebSocket close,
 * no FIN. Listens on a port of loopback the system picks.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket[]> links = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pumps.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 3_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException refused) {
                reset(client, server);
                continue;
            }
            Socket[] link = {client, server};
            links.add(link);
            pumps.execute(() -> pump(link, client, server));
            pumps.execute(() -> pump(link, server, client));
        }
    }

    private void pump(Socket[] link, Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException gone) {
            // the other pump or resetAll closed the link
        } finally {
            links.remove(link);
            reset(link[0], link[1]);
        }
    }

    /** Cuts every open link with a TCP reset on both ends; new connections are relayed as before. */
    int resetAll() {
        int cut = 0;
        for (Socket[] link : List.copyOf(links)) {
            links.remove(link);
            reset(link[0], link[1]);
            cut++;
        }
        return cut;
    }

    private static void reset(Socket... sockets) {
        for (Socket s : sockets) {
            try {
                if (!s.isClosed()) {
                    s.setSoLinger(true, 0);
                    s.close();
                }
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        resetAll();
        pumps.shutdownNow();
    }
}
