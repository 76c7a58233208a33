package org.universalim.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/** Settings of the federation with other ISPs (server.xml variables). */
@ApplicationScoped
public class FederationSettings {

    @Inject
    @ConfigProperty(name = "federation.port", defaultValue = "9543")
    int port;

    @Inject
    @ConfigProperty(name = "federation.keystore")
    Optional<String> keystore;

    @Inject
    @ConfigProperty(name = "federation.keystore.password")
    Optional<String> keystorePassword;

    @Inject
    @ConfigProperty(name = "federation.truststore")
    Optional<String> truststore;

    @Inject
    @ConfigProperty(name = "federation.truststore.password")
    Optional<String> truststorePassword;

    @Inject
    @ConfigProperty(name = "federation.deadline.minutes", defaultValue = "1440")
    long deadlineMinutes;

    @Inject
    @ConfigProperty(name = "federation.call.timeout.ms", defaultValue = "10000")
    long callTimeoutMillis;

    @Inject
    @ConfigProperty(name = "federation.batch.max", defaultValue = "100")
    int batchMax;

    @Inject
    @ConfigProperty(name = "federation.replay.window.seconds", defaultValue = "172800")
    long replayWindowSeconds;

    /** The port of the federation endpoint (mutual TLS); federation paths are served there only. */
    public int port() {
        return port;
    }

    public Optional<String> keystore() {
        return keystore.filter(s -> !s.isBlank());
    }

    public char[] keystorePassword() {
        return keystorePassword.orElse("").toCharArray();
    }

    public Optional<String> truststore() {
        return truststore.filter(s -> !s.isBlank());
    }

    public char[] truststorePassword() {
        return truststorePassword.orElse("").toCharArray();
    }

    /** How long an outgoing request may wait for its peer before it fails back to its sender. */
    public Duration deadline() {
        return Duration.ofMinutes(deadlineMinutes);
    }

    public Duration callTimeout() {
        return Duration.ofMillis(callTimeoutMillis);
    }

    /**
     * How long a peer's transaction ids are remembered (replays get the first answer), and how old a
     * message may be when it arrives. Longer than any peer's delivery deadline.
     */
    public Duration replayWindow() {
        return Duration.ofSeconds(Math.max(1, replayWindowSeconds));
    }

    public int batchMax() {
        return Math.max(1, Math.min(batchMax, 200));
    }
}
