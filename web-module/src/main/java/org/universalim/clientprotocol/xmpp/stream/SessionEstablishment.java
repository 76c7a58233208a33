package org.universalim.clientprotocol.xmpp.stream;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * Session establishment of RFC 3921, gone from RFC 6121 but still sent by older clients: offered as
 * {@code <optional/>} after log-in, and answered with an empty result.
 */
@ApplicationScoped
public class SessionEstablishment implements StreamFeature, IqHandler {

    @Override
    public StreamStage offeredAt() {
        return StreamStage.AUTHENTICATED;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Xml feature(XmppConnection conn) {
        return Xml.element("session", Namespaces.SESSION).child(Xml.element("optional"));
    }

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.SESSION, "session"));
    }

    @Override
    public void handle(IqRequest request) {
        request.result(null);
    }
}
