package org.universalim.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOriginTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(" 10.0.0.5, 10.1.0.0/16 , fd00::/8, 192.0.2.128/25");

    @Test
    void trustedProxiesAreAddressesAndNetworks() {
        assertThat(PROXIES.trusts("10.0.0.5")).isTrue();
        assertThat(PROXIES.trusts("10.0.0.6")).isFalse();
        assertThat(PROXIES.trusts("10.1.255.3")).isTrue();
        assertThat(PROXIES.trusts("10.2.0.1")).isFalse();
        assertThat(PROXIES.trusts("fd12:3456::1")).isTrue();
        assertThat(PROXIES.trusts("fe80::1")).isFalse();
        assertThat(PROXIES.trusts("192.0.2.200")).isTrue();
        assertThat(PROXIES.trusts("192.0.2.100")).isFalse();
        assertThat(PROXIES.trusts("::ffff:10.0.0.5")).as("IPv4-mapped").isTrue();
        assertThat(PROXIES.trusts("proxy.example")).as("never a DNS name").isFalse();
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.NONE.trusts("127.0.0.1")).isFalse();
    }

    @Test
    void aBadSettingIsRefusedByName() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, proxy.example")).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    }

    @Test
    void withoutATrustedProxyTheConnectionItselfCounts() {
        assertThat(ClientOrigin.resolve("203.0.113.9", false, List.of("198.51.100.1"), "https", PROXIES))
                .isEqualTo(new ClientOrigin("203.0.113.9", false));
        assertThat(ClientOrigin.resolve("203.0.113.9", true, List.of(), null, TrustedProxies.NONE))
                .isEqualTo(new ClientOrigin("203.0.113.9", true));
        assertThat(ClientOrigin.resolve(null, false, List.of(), null, PROXIES)).isEqualTo(ClientOrigin.UNKNOWN);
    }

    @Test
    void behindATrustedProxyItsHeadersCount() {
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("198.51.100.1"), "https", PROXIES))
                .isEqualTo(new ClientOrigin("198.51.100.1", true));
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("198.51.100.1"), "http", PROXIES))
                .isEqualTo(new ClientOrigin("198.51.100.1", false));
        assertThat(ClientOrigin.resolve("10.0.0.5", true, List.of("198.51.100.1"), null, PROXIES))
                .as("no X-Forwarded-Proto: the proxy's own connection").isEqualTo(new ClientOrigin("198.51.100.1", true));
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of(), "https", PROXIES))
                .isEqualTo(new ClientOrigin("10.0.0.5", true));
    }

    @Test
    void theClientIsTheNearestHopThatIsNoTrustedProxy() {
        // what the client wrote itself (the first entries) is not believed
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("1.2.3.4, 198.51.100.7, 10.1.0.9"), "https", PROXIES).address())
                .isEqualTo("198.51.100.7");
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("1.2.3.4", "198.51.100.7"), "https", PROXIES).address())
                .as("several headers").isEqualTo("198.51.100.7");
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("198.51.100.7:4711"), "https", PROXIES).address())
                .isEqualTo("198.51.100.7");
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("[2001:db8::7]:4711"), "https", PROXIES).address())
                .isEqualTo("2001:db8::7");
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("evil.example, 198.51.100.7"), "https", PROXIES).address())
                .isEqualTo("198.51.100.7");
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("198.51.100.7, unknown"), "https", PROXIES).address())
                .as("garbage from the proxy: the proxy itself").isEqualTo("10.0.0.5");
        assertThat(ClientOrigin.resolve("10.0.0.5", false, List.of("10.1.0.8, 10.1.0.9"), "https", PROXIES).address())
                .as("only proxies: the farthest").isEqualTo("10.1.0.8");
    }
}
