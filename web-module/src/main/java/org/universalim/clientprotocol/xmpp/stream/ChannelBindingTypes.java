package org.universalim.clientprotocol.xmpp.stream;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmppConnection;

/**
 * XEP-0440 (SASL Channel-Binding Type Capability): beside the SASL mechanisms, the channel-binding types the server
 * supports on this connection, so that a client of the {@code -PLUS} mechanisms picks one we can check. Offered only
 * where the transport gives a channel binding (XMPP over TCP with TLS).
 */
@ApplicationScoped
public class ChannelBindingTypes implements StreamFeature {

    static final String NAMESPACE = "urn:xmpp:sasl-cb:0";

    @Override
    public StreamStage offeredAt() {
        return StreamStage.AUTHENTICATING;
    }

    @Override
    public int order() {
        return 11;
    }

    @Override
    public Xml feature(XmppConnection conn) {
        return conn.transport().channelBinding()
                .map(b -> Xml.element("sasl-channel-binding", NAMESPACE).child(Xml.element("channel-binding").attr("type", b.type())))
                .orElse(null);
    }
}
