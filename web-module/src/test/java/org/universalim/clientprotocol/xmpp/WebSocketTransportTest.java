package org.universalim.clientprotocol.xmpp;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7395 framing: what the WebSocket transport reads into the core and writes of it, over a session that writes at once. */
class WebSocketTransportTest {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private WebSocketTransport transport;

    @BeforeEach
    void connect() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        frames.add((String) args[0]);
                        ((SendHandler) args[1]).onResult(new SendResult());
                    }
                    return null;
                });
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "isOpen" -> true;
                    case "close" -> closes.add((CloseReason) args[0]);
                    case "getUserProperties" -> java.util.Map.of();
                    default -> null;
                });
        transport = new WebSocketTransport(session, 100, t -> new XmppInbound() {
            @Override
            public void streamOpened(StreamHeader header) {
                events.add("open to=" + header.to() + " version=" + header.version());
            }

            @Override
            public void streamClosed() {
                events.add("close");
            }

            @Override
            public void element(XmlElement element) {
                events.add("element " + element.name());
            }

            @Override
            public void failed(XmppStreamException error) {
                events.add("failed " + error.condition().element());
            }

            @Override
            public void disconnected() {
                events.add("disconnected");
            }
        });
    }

    @Test
    void openAndCloseOfTheFramingNamespaceAreTheStreamsEdges() {
        transport.received("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"isp-a-u.example\" version=\"1.0\"/>");
        transport.received("<message xmlns=\"jabber:client\"><body>hi</body></message>");
        transport.received("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
        transport.received("<message><body>unclosed</message>");
        transport.disconnected();
        assertThat(events).containsExactly("open to=isp-a-u.example version=1.0", "element message", "close",
                "failed not-well-formed", "disconnected");
    }

    @Test
    void theServersHeaderIsAnOpenElement() {
        transport.openStream(StreamHeader.server("isp-a-u.example", "abc"));
        assertThat(frames).containsExactly("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" from=\"isp-a-u.example\" id=\"abc\" "
                + "version=\"1.0\" xml:lang=\"en\"/>");
    }

    @Test
    void closingTheStreamSendsCloseThenClosesTheSocketAndReadsNothingMore() {
        transport.closeStream("conflict");
        assertThat(frames).containsExactly("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
        assertThat(closes).singleElement().satisfies(c -> {
            assertThat(c.getCloseCode()).isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            assertThat(c.getReasonPhrase()).isEqualTo("conflict");
        });
        assertThat(transport.send("<presence/>", null)).isFalse();
        transport.received("<message xmlns=\"jabber:client\"><body>late</body></message>");
        assertThat(events).isEmpty();
    }
}
