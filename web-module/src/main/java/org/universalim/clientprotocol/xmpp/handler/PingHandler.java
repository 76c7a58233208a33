package org.universalim.clientprotocol.xmpp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;

import javax.xml.namespace.QName;
import java.util.List;

/** XMPP ping (XEP-0199) of the server: clients keep their connection alive with it. */
@ApplicationScoped
public class PingHandler implements IqHandler {

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.PING, "ping"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.PING);
    }

    @Override
    public void handle(IqRequest request) {
        request.result(null);
    }
}
