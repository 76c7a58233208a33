package org.universalim.clientprotocol.websocket;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketSettingsTest {

    private static WebSocketSettings with(String allowed) {
        WebSocketSettings s = new WebSocketSettings();
        s.allowedOrigins = Optional.ofNullable(allowed);
        return s;
    }

    @Test
    void nonBrowserClientsAndTheSameOriginMayConnect() {
        WebSocketSettings s = with(null);
        assertThat(s.originAllowed(null, "im.isp-a.example")).isTrue();
        assertThat(s.originAllowed("https://im.isp-a.example", "im.isp-a.example")).isTrue();
        assertThat(s.originAllowed("http://localhost:9080", "localhost:9080")).isTrue();
        assertThat(s.originAllowed("http://evil.example", "localhost:9080")).isFalse();
        assertThat(s.originAllowed("http://localhost:9081", "localhost:9080")).isFalse();
        assertThat(s.originAllowed("not a url at all", "localhost:9080")).isFalse();
    }

    @Test
    void listedOriginsOrAnyMayConnect() {
        assertThat(with("https://portal.isp-a.example, https://m.isp-a.example")
                .originAllowed("https://m.isp-a.example", "im.isp-a.example")).isTrue();
        assertThat(with("*").originAllowed("http://anything.example", "im.isp-a.example")).isTrue();
    }
}
