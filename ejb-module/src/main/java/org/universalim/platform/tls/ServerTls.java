package org.universalim.platform.tls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.net.ssl.SSLContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TLS of the servers the application runs itself, beside Liberty's HTTP ports (XMPP over TCP): the certificate
 * and key of a Liberty {@code <ssl>} configuration of server.xml, by default {@code defaultSSLConfig} (the ISP's default
 * key store, the one of the HTTPS port), read through {@code com.ibm.websphere.ssl.JSSEHelper}. When Liberty reloads the
 * key store (a renewed certificate), the next connection gets the new context: Liberty tells us, and we ask again
 * every few seconds anyway; connections already open keep theirs. No restart.
 */
@ApplicationScoped
public class ServerTls {

    /** How long a context (or its absence) is believed before Liberty is asked again. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    Logger log;

    /** Where contexts come from: Liberty's, unless a test sets another (the ssl id, the change listener). */
    BiFunction<String, Runnable, SSLContext> source = LibertyServerSsl::context;
    long recheckNanos = RECHECK_NANOS;

    private final Map<String, Current> configurations = new ConcurrentHashMap<>();

    /**
     * The server-side TLS context of the {@code <ssl>} configuration {@code sslRef}, current.
     *
     * @throws IllegalStateException when Liberty has no such configuration (or it cannot be read): the reason
     */
    public SSLContext context(String sslRef) {
        return configurations.computeIfAbsent(sslRef, Current::new).get();
    }

    /** One configuration's context as last read. */
    private final class Current {
        private final String sslRef;
        private volatile SSLContext context;
        private volatile String unavailable;
        private volatile long checkedAt;
        private volatile boolean changed = true;
        private boolean listening;

        Current(String sslRef) {
            this.sslRef = sslRef;
        }

        SSLContext get() {
            long now = System.nanoTime();
            if (changed || now - checkedAt >= recheckNanos) {
                refresh(now);
            }
            SSLContext c = context;
            if (c == null) {
                throw new IllegalStateException(unavailable);
            }
            return c;
        }

        private synchronized void refresh(long now) {
            if (!changed && now - checkedAt < recheckNanos) {
                return;
            }
            changed = false;
            checkedAt = now;
            SSLContext fresh;
            try {
                fresh = source.apply(sslRef, listening ? null : () -> changed = true);
                listening = true; // Liberty keeps the listener: it is handed over once
            } catch (RuntimeException | LinkageError e) {
                String reason = "TLS configuration " + sslRef + " is not available: " + e.getMessage();
                if (context != null || !reason.equals(unavailable)) {
                    log.log(Level.WARNING, "{0}", reason);
                }
                unavailable = reason;
                fresh = null;
            }
            if (fresh != context) {
                if (context != null && fresh != null) {
                    log.log(Level.INFO, "TLS configuration {0} changed: new connections use the new certificate", sslRef);
                }
                context = fresh;
            }
        }
    }

    /** Liberty's SSL API, in a class of its own so that it is loaded only when used. */
    static final class LibertyServerSsl {

        private LibertyServerSsl() {
        }

        static SSLContext context(String sslRef, Runnable onChange) {
            try {
                Map<String, Object> inbound = Map.of(com.ibm.websphere.ssl.JSSEHelper.CONNECTION_INFO_DIRECTION,
                        com.ibm.websphere.ssl.JSSEHelper.DIRECTION_INBOUND);
                com.ibm.websphere.ssl.SSLConfigChangeListener listener = onChange == null ? null : event -> onChange.run();
                return com.ibm.websphere.ssl.JSSEHelper.getInstance().getSSLContext(sslRef, inbound, listener, false);
            } catch (com.ibm.websphere.ssl.SSLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
