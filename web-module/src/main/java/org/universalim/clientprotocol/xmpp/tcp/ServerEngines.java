package org.universalim.clientprotocol.xmpp.tcp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.Arrays;
import java.util.List;

/**
 * The server side of a TLS connection of ours: TLS 1.3 and 1.2 only, the ISP's certificate from the context, and the
 * ALPN protocol of XEP-0368 ({@code xmpp-client}) chosen when the client offers it. A client offering other protocols
 * only (a browser asking for {@code h2}, a cross-protocol attempt) gets none chosen and goes on: XMPP clients that
 * send no ALPN at all are common.
 */
final class ServerEngines {

    static final String ALPN_C2S = "xmpp-client";
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerEngines() {
    }

    static SSLEngine c2s(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(Arrays.stream(engine.getSupportedProtocols()).filter(PROTOCOLS::contains).toArray(String[]::new));
        params.setNeedClientAuth(false);
        params.setWantClientAuth(false);
        engine.setSSLParameters(params);
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(ALPN_C2S) ? ALPN_C2S : "");
        return engine;
    }
}
