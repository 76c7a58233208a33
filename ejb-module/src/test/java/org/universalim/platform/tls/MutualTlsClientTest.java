package org.universalim.platform.tls;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The federation's HTTP clients follow the TLS configuration: kept while it stands, built again when it changes. */
class MutualTlsClientTest {

    MutualTlsClient tls;
    final AtomicReference<SSLContext> configured = new AtomicReference<>();

    @BeforeEach
    void wire() throws Exception {
        configured.set(context());
        tls = new MutualTlsClient();
        tls.callTimeoutMillis = 1_000;
        tls.log = Logger.getLogger(MutualTlsClientTest.class.getName());
        tls.source = () -> {
            SSLContext ssl = configured.get();
            if (ssl == null) {
                throw new IllegalStateException("no key store at /nowhere");
            }
            return ssl;
        };
    }

    @Test
    void clientsAreKeptPerPinAndConnectionsReused() {
        HttpClient unpinned = tls.client(null);
        assertThat(tls.client(null)).isSameAs(unpinned);
        assertThat(tls.client("")).isSameAs(unpinned);
        HttpClient pinned = tls.client("ab".repeat(32));
        assertThat(pinned).isNotSameAs(unpinned);
        assertThat(pinned.sslContext()).isNotSameAs(configured.get());
        assertThat(unpinned.sslContext()).isSameAs(configured.get());
    }

    @Test
    void aChangedConfigurationGivesNewClients() throws Exception {
        tls.recheckNanos = 0;
        HttpClient before = tls.client(null);
        configured.set(context()); // Liberty reloaded a rotated key store
        HttpClient after = tls.client(null);
        assertThat(after).isNotSameAs(before);
        assertThat(after.sslContext()).isSameAs(configured.get());
    }

    @Test
    void withoutConfigurationCallsAreRefusedWithTheReason() {
        configured.set(null);
        assertThat(tls.unavailable()).hasValueSatisfying(reason -> assertThat(reason).contains("no key store at /nowhere"));
        assertThatThrownBy(() -> tls.client(null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not configured");
    }

    private static SSLContext context() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, null, null);
        return ssl;
    }
}
