package org.universalim.clientprotocol.xmpp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * Service discovery, items (XEP-0030): the server has none to list (no components); an account lists its personal
 * event nodes the requester may read ({@link AccountNodes}, XEP-0163 section 8).
 */
@ApplicationScoped
public class DiscoItemsHandler implements IqHandler {

    @Inject
    AccountVisibility accounts;

    @Inject
    Instance<AccountNodes> nodes;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.DISCO_ITEMS, "query"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.DISCO_ITEMS);
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(Namespaces.DISCO_ITEMS);
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaError.badRequest("disco#items is a get"));
        } else if (request.aboutServer()) {
            request.result(Xml.element("query", Namespaces.DISCO_ITEMS));
        } else if (nodes != null && nodes.isResolvable()) {
            nodes.get().items(request);
        } else if (accounts.visible(request.user(), request.to())) {
            request.result(Xml.element("query", Namespaces.DISCO_ITEMS));
        } else {
            request.error(StanzaError.serviceUnavailable(null));
        }
    }
}
