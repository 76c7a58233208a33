package org.universalim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real nginx in front of the nodes of one ISP, as docs/nginx/universal-im.conf puts it in production
 * (plain HTTP here): one port, round robin, WebSocket upgrade passed through.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts nginx on {@code port}, balancing over the servers' HTTP ports; waits until it listens. */
    public static Nginx balancing(int port, List<IspServer> nodes) {
        Path dir = Path.of(System.getProperty("nginx.dir", "target/nginx-" + port)).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("tmp"));
            String upstream = nodes.stream().map(n -> "        server 127.0.0.1:" + n.httpPort() + " max_fails=1 fail_timeout=5s;")
                    .collect(Collectors.joining("\n"));
            Path tmp = dir.resolve("tmp");
            Files.writeString(dir.resolve("nginx.conf"), """
                    worker_processes 1;
                    error_log %1$s/error.log warn;
                    pid %1$s/nginx.pid;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        client_body_temp_path %2$s/body;
                        proxy_temp_path %2$s/proxy;
                        fastcgi_temp_path %2$s/fastcgi;
                        uwsgi_temp_path %2$s/uwsgi;
                        scgi_temp_path %2$s/scgi;
                        map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                        upstream universalim {
                    %3$s
                        }
                        server {
                            listen 127.0.0.1:%4$d;
                            location / {
                                proxy_pass http://universalim;
                                proxy_http_version 1.1;
                                proxy_set_header Upgrade $http_upgrade;
                                proxy_set_header Connection $connection_upgrade;
                                proxy_set_header Host $host;
                                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                                proxy_read_timeout 1h;
                                proxy_next_upstream error timeout http_502 http_503;
                            }
                        }
                    }
                    """.formatted(dir, tmp, upstream, port));
            Process p = new ProcessBuilder(binary(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(),
                    "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "stop-nginx"));
            Nginx nginx = new Nginx(p, port, dir);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("nginx did not start (install it: apt-get install nginx-light)", e);
        }
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nginx";
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS); // wakes early if it exits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("nginx does not listen on " + port);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
