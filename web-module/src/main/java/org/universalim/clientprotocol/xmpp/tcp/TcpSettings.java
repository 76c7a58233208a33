package org.universalim.clientprotocol.xmpp.tcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where XMPP over TCP listens (server.xml variables; docs/xmpp-tcp.md). The limits are every client connection's. */
@ApplicationScoped
public class TcpSettings {

    /** The interface the listeners bind to; {@code *} for all. */
    @Inject
    @ConfigProperty(name = "xmpp.c2s.host", defaultValue = "*")
    String host;

    /** XMPP over TCP with STARTTLS required (RFC 6120; 5222); -1 switches it off. */
    @Inject
    @ConfigProperty(name = "xmpp.c2s.port", defaultValue = "5222")
    int port;

    /** XMPP over TCP with direct TLS (XEP-0368; 5223); -1 switches it off. */
    @Inject
    @ConfigProperty(name = "xmpp.c2s.tls.port", defaultValue = "5223")
    int tlsPort;

    /** The Liberty {@code <ssl>} configuration whose certificate the listeners present. */
    @Inject
    @ConfigProperty(name = "xmpp.c2s.ssl.ref", defaultValue = "defaultSSLConfig")
    String sslRef;

    public String host() {
        return host == null || host.isBlank() || host.strip().equals("*") ? null : host.strip();
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public String sslRef() {
        return sslRef;
    }
}
