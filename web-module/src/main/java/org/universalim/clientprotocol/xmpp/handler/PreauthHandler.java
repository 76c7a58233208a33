package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.registration.boundary.Invitations;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * Pre-authenticated registration (XEP-0401): before registering in band, a client holding an invitation
 * ({@code xmpp:domain?register;preauth=TOKEN}) hands the token over ({@code <preauth xmlns='urn:xmpp:pars:0'
 * token='…'/>}); an unknown, used or expired one is answered {@code item-not-found}. The token is kept on the
 * connection and used up by the registration that follows ({@link RegisterHandler}), not before.
 */
@ApplicationScoped
public class PreauthHandler implements IqHandler {

    @EJB
    Invitations invitations;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.PARS, "preauth"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of();
    }

    @Override
    public boolean answersBeforeLogIn() {
        return true;
    }

    @Override
    public void handle(IqRequest request) {
        if (request.isGet() || request.session().stage() == StreamStage.BOUND) {
            request.error(StanzaError.badRequest("a preauth is set before registering"));
            return;
        }
        String token = request.payload().attribute("token");
        if (!invitations.usable(token)) {
            request.error(StanzaError.itemNotFound("no such invitation, or it was used or expired"));
            return;
        }
        request.session().invitation(token.strip());
        request.result(null);
    }
}
