package org.universalim.clientprotocol.xmpp.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * Message carbons (XEP-0280): a resource turns them on ({@code <enable/>}) or off ({@code <disable/>}); while on, it
 * is sent a copy of every message the user sent from another device and of every message another device of the user
 * was given ({@code routing.boundary.MessageCopies} decides which; {@code XmppConnection} passes them on). Off at
 * every new stream.
 */
@ApplicationScoped
public class CarbonsHandler implements IqHandler {

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.CARBONS, "enable"), new QName(Namespaces.CARBONS, "disable"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.CARBONS);
    }

    @Override
    public void handle(IqRequest request) {
        if (request.isGet()) {
            request.error(StanzaError.badRequest("carbons are turned on or off with a set"));
            return;
        }
        if (!request.aboutServer()) {
            request.error(StanzaError.serviceUnavailable(null));
            return;
        }
        request.session().carbons("enable".equals(request.payload().name()));
        request.result(null);
    }
}
