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
 * Service discovery, information (XEP-0030): the server's identity and the features its handlers declare
 * ({@link DiscoFeatures}); for a user's account (to the user and to those the user lets see their
 * presence), {@code account/registered}, {@code pubsub/pep} and the account features; of a node of an account,
 * what the {@link AccountNodes} say.
 */
@ApplicationScoped
public class DiscoInfoHandler implements IqHandler {

    @Inject
    DiscoFeatures features;

    @Inject
    AccountVisibility accounts;

    @Inject
    Instance<AccountNodes> nodes;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.DISCO_INFO, "query"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.DISCO_INFO);
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(Namespaces.DISCO_INFO);
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaError.badRequest("disco#info is a get"));
            return;
        }
        String node = request.payload().attribute("node");
        if (node != null) {
            if (!request.aboutServer() && nodes != null && nodes.isResolvable()) {
                nodes.get().info(request, node);
            } else {
                request.error(StanzaError.itemNotFound("no such node"));
            }
            return;
        }
        Xml result = Xml.element("query", Namespaces.DISCO_INFO);
        List<String> offered;
        if (request.aboutServer()) {
            result.child(Xml.element("identity").attr("category", "server").attr("type", "im").attr("name", "Universal IM"));
            offered = features.server();
        } else if (accounts.visible(request.user(), request.to())) {
            result.child(Xml.element("identity").attr("category", "account").attr("type", "registered"));
            if (nodes != null && nodes.isResolvable()) {
                // every account is a personal eventing service (XEP-0163 section 5)
                result.child(Xml.element("identity").attr("category", "pubsub").attr("type", "pep"));
            }
            offered = features.account();
        } else {
            request.error(StanzaError.serviceUnavailable(null));
            return;
        }
        offered.forEach(f -> result.child(Xml.element("feature").attr("var", f)));
        request.result(result);
    }
}
