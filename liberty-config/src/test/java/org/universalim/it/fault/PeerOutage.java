package org.universalim.it.fault;

import org.universalim.it.IspServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * An ISP that stops answering without going away, as a hung JVM or a cut link looks to its peers: its process
 * frozen with SIGSTOP (connections stay open, nothing is answered) and thawed with SIGCONT. Also tells whether
 * a request has reached the frozen ISP's federation port and waits there unread.
 */
public final class PeerOutage implements AutoCloseable {

    private static final Path WLP = Path.of(System.getProperty("wlp.dir", "target/liberty/wlp"));

    private final IspServer isp;
    private final long pid;
    private boolean frozen;

    private PeerOutage(IspServer isp) {
        this.isp = isp;
        this.pid = pid(isp);
    }

    /** Freezes the ISP's process (SIGSTOP); {@link #close()} or {@link #thaw()} lets it go on. */
    public static PeerOutage freeze(IspServer isp) {
        PeerOutage outage = new PeerOutage(isp);
        outage.signal("STOP");
        outage.frozen = true;
        return outage;
    }

    /** Lets the frozen process go on (SIGCONT). */
    public void thaw() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    @Override
    public void close() {
        thaw();
    }

    /**
     * Whether some connection to the ISP's federation port holds bytes its (frozen) process has not read: a
     * peer's call waits there for an answer.
     */
    public boolean requestWaiting() {
        return unreadBytes(isp.federationPort()) > 0;
    }

    /** Bytes received but not yet read by the process on connections whose local port is {@code port}. */
    static long unreadBytes(int port) {
        long unread = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            String portHex = String.format(Locale.ROOT, ":%04X", port);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue ...; 01 = ESTABLISHED
                if (f.length > 4 && f[1].endsWith(portHex) && "01".equals(f[3])) {
                    unread += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                }
            }
        }
        return unread;
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " (" + isp + ") failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long pid(IspServer isp) {
        try {
            return Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + isp.name() + ".pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file of " + isp, e);
        }
    }
}
