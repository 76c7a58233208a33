package org.universalim.federation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Settings of the federation with other ISPs (server.xml variables). The key and trust stores are Liberty's
 * {@code federationSSL} configuration, read through {@link org.universalim.platform.tls.MutualTlsClient}.
 */
@ApplicationScoped
public class FederationSettings {

    @Inject
    @ConfigProperty(name = "federation.port", defaultValue = "9543")
    int port;

    @Inject
    @ConfigProperty(name = "federation.deadline.minutes", defaultValue = "1440")
    long deadlineMinutes;

    @Inject
    @ConfigProperty(name = "federation.call.timeout.ms", defaultValue = "10000")
    long callTimeoutMillis;

    @Inject
    @ConfigProperty(name = "xmpp.s2s.queue.seconds", defaultValue = "60")
    long xmppQueueSeconds;

    @Inject
    @ConfigProperty(name = "federation.batch.max", defaultValue = "100")
    int batchMax;

    @Inject
    @ConfigProperty(name = "federation.replay.window.seconds", defaultValue = "172800")
    long replayWindowSeconds;

    @Inject
    @ConfigProperty(name = "federation.peer.unavailable.seconds", defaultValue = "30")
    long peerUnavailableSeconds;

    @Inject
    @ConfigProperty(name = "federation.peer.probe.seconds", defaultValue = "10")
    long peerProbeSeconds;

    @Inject
    @ConfigProperty(name = "federation.capabilities.seconds", defaultValue = "300")
    long capabilitiesSeconds;

    /** How long what a peer said of its optional operations is believed before it is asked again. */
    public Duration capabilitiesTtl() {
        return Duration.ofSeconds(Math.max(1, capabilitiesSeconds));
    }

    /** The port of the federation endpoint (mutual TLS); federation paths are served there only. */
    public int port() {
        return port;
    }

    /** How long an outgoing request may wait for its peer before it fails back to its sender. */
    public Duration deadline() {
        return Duration.ofMinutes(deadlineMinutes);
    }

    /**
     * How long stanzas for an XMPP server (no configured peer, reached over s2s) wait for it before they fail back to
     * their sender: the connection is tried again meanwhile (Openfire's OutgoingSessionPromise, made durable).
     */
    public Duration xmppDeadline() {
        return Duration.ofSeconds(Math.max(1, xmppQueueSeconds));
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

    /** How long a peer may not answer before its users are shown unavailable to our watchers. */
    public Duration peerUnavailableAfter() {
        return Duration.ofSeconds(Math.max(1, peerUnavailableSeconds));
    }

    /** How often a peer whose users our watchers see is asked for its status when nothing else reached it. */
    public Duration peerProbeEvery() {
        return Duration.ofSeconds(Math.max(1, peerProbeSeconds));
    }

    public int batchMax() {
        return Math.max(1, Math.min(batchMax, 200));
    }
}
