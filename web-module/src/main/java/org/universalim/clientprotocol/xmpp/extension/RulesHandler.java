package org.universalim.clientprotocol.xmpp.extension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.RulesView;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * A user's delivery rules (R4), {@code urn:universal-im:rules:1}: the device order and the acknowledgement
 * time; a get answers the effective rules, a set changes them, {@code reset="true"} goes back to the defaults.
 */
@ApplicationScoped
public class RulesHandler implements IqHandler {

    @EJB
    PresenceRules rules;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.RULES, "rules"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.RULES);
    }

    @Override
    public void handle(IqRequest request) {
        RulesView view = request.isGet() ? rules.rules(request.user()) : set(request.user(), request.payload());
        Xml answer = Xml.element("rules", Namespaces.RULES).attr("ack-timeout-ms", view.ackTimeoutMillis())
                .attr("defaults", view.defaults());
        view.deviceOrder().forEach(d -> answer.childText("device", d));
        request.result(answer);
    }

    private RulesView set(String user, XmlElement payload) {
        if ("true".equals(payload.attribute("reset"))) {
            return rules.reset(user);
        }
        String ack = payload.attribute("ack-timeout-ms");
        Long timeout;
        try {
            timeout = ack == null ? null : Long.valueOf(ack.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("ack-timeout-ms", "a number of milliseconds");
        }
        List<String> order = payload.children("device", Namespaces.RULES).stream().map(XmlElement::text).toList();
        return rules.update(user, new RulesUpdate(order, timeout));
    }
}
