package org.universalim.clientprotocol.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.platform.security.ClientOrigins;

import java.util.List;
import java.util.Map;

/**
 * Records at the handshake whether the page's Origin may use this socket and the client's address (as
 * {@link WebSocketAdmission} found it), for the endpoint. {@link WebSocketAdmission} refuses other origins with
 * HTTP 403 before the handshake; should one get this far, the endpoint closes it with 1008 at once.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    public static final String REFUSED_ORIGIN = "universalim.refusedOrigin";
    public static final String CLIENT_HOST = "universalim.clientHost";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = request.getHeaders();
        String origin = first(headers, "Origin");
        String host = first(headers, "Host");
        WebSocketSettings settings = CDI.current().select(WebSocketSettings.class).get();
        if (!settings.originAllowed(origin, host)) {
            config.getUserProperties().put(REFUSED_ORIGIN, origin);
        } else {
            config.getUserProperties().remove(REFUSED_ORIGIN);
        }
        String address = first(headers, WebSocketAdmission.ADDRESS_HEADER);
        config.getUserProperties().put(CLIENT_HOST, address != null ? address : "");
        // the client's address and TLS as the log-in throttle and SASL PLAIN see them (trusted proxies only)
        config.getUserProperties().put(ClientOrigin.PROPERTY, CDI.current().select(ClientOrigins.class).get().ofCurrentRequest());
    }

    /** The client's address recorded at the handshake ("" when unknown). */
    public static String clientAddress(jakarta.websocket.Session session) {
        Object address = session.getUserProperties().get(CLIENT_HOST);
        return address instanceof String s ? s : "";
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
