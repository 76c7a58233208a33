package org.universalim.platform.tls;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP client of the federation port's mutual TLS, for calls to peers (federation) and to the other
 * nodes of this ISP (the node channel): it presents this ISP's federation certificate and trusts the
 * federation CA, both as Liberty's {@code federationSSL} configuration (server.xml) says, read through
 * {@code com.ibm.websphere.ssl.JSSEHelper}; when Liberty reloads the key or trust store (a rotated certificate), the next call
 * builds its client on the new configuration, without a restart. A call to a peer whose certificate is
 * pinned goes through a client that checks the pin ({@link PinnedTls}). Clients are kept, so connections
 * are reused.
 */
@ApplicationScoped
public class MutualTlsClient {

    /** The id of the {@code <ssl>} element of server.xml the federation port and its calls use. */
    public static final String SSL_REF = "federationSSL";
    /** How long an unavailable or unchanged configuration is believed before Liberty is asked again. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    @ConfigProperty(name = "federation.call.timeout.ms", defaultValue = "10000")
    long callTimeoutMillis;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Logger log;

    /** Where the TLS configuration comes from: Liberty's, unless a test sets another. */
    Supplier<SSLContext> source = this::libertyContext;
    long recheckNanos = RECHECK_NANOS;

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile SSLContext context;
    private volatile String unavailable = "federation TLS not read yet";
    private volatile long checkedAt;
    private volatile boolean changed = true;
    private boolean listening;

    /** The reason calls cannot be made, or empty when the federation TLS configuration is in place. */
    public Optional<String> unavailable() {
        current();
        return context == null ? Optional.of(unavailable) : Optional.empty();
    }

    /**
     * A client for calls over the federation's mutual TLS.
     *
     * @param pinnedSha256 the SHA-256 fingerprint the server's certificate must have, or null for any the
     *                     federation CA issued for the host called
     * @throws IllegalStateException when the federation TLS configuration is missing (see {@link #unavailable})
     */
    public HttpClient client(String pinnedSha256) {
        SSLContext ssl = current();
        if (ssl == null) {
            throw new IllegalStateException(unavailable);
        }
        String key = pinnedSha256 == null || pinnedSha256.isBlank() ? "" : pinnedSha256;
        return clients.computeIfAbsent(key, pin -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .sslContext(pin.isEmpty() ? ssl : PinnedTls.pinned(ssl, pin))
                    .connectTimeout(Duration.ofMillis(callTimeoutMillis))
                    .version(HttpClient.Version.HTTP_1_1);
            if (executor != null) {
                // answers complete on container threads, so what follows them may use the container's services
                builder.executor(executor);
            }
            return builder.build();
        });
    }

    /** The TLS context, asked of Liberty again when it changed or every few seconds; the clients follow it. */
    private SSLContext current() {
        long now = System.nanoTime();
        if (!changed && now - checkedAt < recheckNanos) {
            return context;
        }
        synchronized (this) {
            if (!changed && now - checkedAt < recheckNanos) {
                return context;
            }
            changed = false;
            checkedAt = now;
            SSLContext fresh;
            try {
                fresh = source.get();
            } catch (RuntimeException | LinkageError e) {
                String reason = "federation is not configured: " + e.getMessage();
                if (context != null || !reason.equals(unavailable)) {
                    log.log(Level.WARNING, "federation TLS ({0}) is not available: {1}", new Object[]{SSL_REF, e.getMessage()});
                }
                unavailable = reason;
                fresh = null;
            }
            if (fresh != context) {
                if (context != null && fresh != null) {
                    log.info(() -> "federation TLS (" + SSL_REF + ") changed: new calls use the new configuration");
                }
                context = fresh;
                clients.clear(); // the old clients close their idle connections when collected
            }
            return context;
        }
    }

    private SSLContext libertyContext() {
        SSLContext ssl = LibertySsl.context(SSL_REF, listening ? null : () -> changed = true);
        listening = true; // Liberty keeps the listener: it is handed over once
        return ssl;
    }

    /**
     * Liberty's SSL API, in a class of its own so that it is loaded only when federation is used (a server
     * without the SSL feature still deploys the application).
     */
    static final class LibertySsl {

        private LibertySsl() {
        }

        /** The context of an {@code <ssl>} element; {@code onChange} (if given) runs when Liberty changes it. */
        static SSLContext context(String sslRef, Runnable onChange) {
            try {
                Map<String, Object> outbound = Map.of(
                        com.ibm.websphere.ssl.JSSEHelper.CONNECTION_INFO_DIRECTION, com.ibm.websphere.ssl.JSSEHelper.DIRECTION_OUTBOUND,
                        com.ibm.websphere.ssl.JSSEHelper.CONNECTION_INFO_ENDPOINT_NAME, com.ibm.websphere.ssl.JSSEHelper.ENDPOINT_HTTP);
                com.ibm.websphere.ssl.SSLConfigChangeListener listener = onChange == null ? null : event -> onChange.run();
                return com.ibm.websphere.ssl.JSSEHelper.getInstance().getSSLContext(sslRef, outbound, listener, false);
            } catch (com.ibm.websphere.ssl.SSLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
