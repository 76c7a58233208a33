package org.universalim.clientprotocol.xmpp.extension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.boundary.AlertRequest;
import org.universalim.presence.boundary.AlertView;
import org.universalim.presence.boundary.AvailabilityAlerts;

import javax.xml.namespace.QName;
import java.util.List;

import static org.universalim.clientprotocol.xmpp.extension.Arguments.required;

/**
 * Availability alerts (R7), {@code urn:universal-im:alerts:1}: {@code <alert/>} (set) asks to be told when a
 * contact who lets the user see their presence becomes available, {@code <alerts/>} lists the user's alerts,
 * {@code <cancel/>} (set) cancels one. A fired alert arrives as a headline message ({@code DeliveryEncoder}).
 */
@ApplicationScoped
public class AlertsHandler implements IqHandler {

    @EJB
    AvailabilityAlerts alerts;

    @Inject
    WatchedContacts watched;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.ALERTS, "alert"), new QName(Namespaces.ALERTS, "alerts"),
                new QName(Namespaces.ALERTS, "cancel"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.ALERTS);
    }

    @Override
    public void handle(IqRequest request) {
        String user = request.user();
        XmlElement payload = request.payload();
        switch (payload.name()) {
            case "alert" -> {
                if (request.isGet()) {
                    request.error(StanzaError.badRequest("setting an alert is a set"));
                    return;
                }
                String contact = required(payload.attribute("jid"), "jid");
                watched.requireAuthorized(user, contact);
                request.result(alert(alerts.set(user, new AlertRequest(contact, payload.attribute("from"), payload.attribute("until")))));
            }
            case "alerts" -> {
                Xml list = Xml.element("alerts", Namespaces.ALERTS);
                alerts.alerts(user).forEach(a -> list.child(alert(a)));
                request.result(list);
            }
            default -> {
                long id;
                try {
                    id = Long.parseLong(required(payload.attribute("id"), "id").strip());
                } catch (NumberFormatException e) {
                    throw new InvalidRequestException("id", "an alert id is a number");
                }
                request.result(alert(alerts.cancel(user, id)));
            }
        }
    }

    private static Xml alert(AlertView a) {
        return Xml.element("alert", Namespaces.ALERTS).attr("id", a.id()).attr("jid", a.contact()).attr("from", a.from())
                .attr("until", a.until()).attr("state", a.state()).attr("fired-at", a.firedAt()).attr("device", a.firedDevice());
    }
}
