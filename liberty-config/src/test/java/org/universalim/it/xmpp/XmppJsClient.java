package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stock JavaScript XMPP client, {@code @xmpp/client} 0.14 on the machine's Node (it enables stream management
 * over WebSocket by itself and resumes after a lost link), run by {@code src/test/xmpp-js/sm-client.mjs}: the
 * package is installed from the npm registry into {@code target/xmpp-js} by {@code npm ci} (its lock file pins
 * every version) once per build. The script prints one JSON line per event, kept here for the test to wait on.
 */
final class XmppJsClient implements AutoCloseable {

    private static final Path SOURCE = Path.of("src/test/xmpp-js");
    private static final Path HOME = Path.of("target/xmpp-js");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static boolean installed;

    private final Process process;
    private final List<JsonObject> events = new ArrayList<>();

    /** Installs {@code @xmpp/client} (once per test JVM, and only when the lock file changed since the last install). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Files.createDirectories(HOME);
            boolean same = Files.exists(HOME.resolve("node_modules/@xmpp/client/package.json"))
                    && Files.exists(HOME.resolve("package-lock.json"))
                    && Files.mismatch(SOURCE.resolve("package-lock.json"), HOME.resolve("package-lock.json")) < 0;
            for (String f : List.of("package.json", "package-lock.json", "sm-client.mjs")) {
                Files.copy(SOURCE.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!same) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                        .redirectErrorStream(true).redirectOutput(HOME.resolve("npm-ci.log").toFile()).start();
                if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                    npm.destroyForcibly();
                    throw new IllegalStateException("npm ci of @xmpp/client failed: " + Files.readString(HOME.resolve("npm-ci.log")));
                }
            }
            installed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the client: it connects to {@code service} (ws://...) and logs in as {@code user} on {@code resource}. */
    XmppJsClient(String service, String domain, String user, String password, String resource) {
        install();
        try {
            process = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "sm-client.mjs", service, domain, user,
                    password, resource).directory(HOME.toFile())
                    .redirectError(HOME.resolve("sm-client-" + user + ".err").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("node could not be started", e);
        }
        Thread reader = new Thread(this::read, "xmpp-js-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("{")) {
                    continue;
                }
                try (JsonReader r = Json.createReader(new StringReader(line))) {
                    JsonObject event = r.readObject();
                    synchronized (this) {
                        events.add(event);
                        notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
    }

    /** Waits for an event (also one that came earlier) that matches. */
    synchronized JsonObject await(Predicate<JsonObject> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (JsonObject e : events) {
                if (condition.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event from @xmpp/client within " + WAIT.toSeconds() + " s; events: " + events);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    JsonObject awaitEvent(String name) {
        return await(e -> name.equals(e.getString("event", "")));
    }

    synchronized List<JsonObject> events(String name) {
        return events.stream().filter(e -> name.equals(e.getString("event", ""))).toList();
    }

    /** Stops the client cleanly (it closes its stream), or kills it after a few seconds. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
