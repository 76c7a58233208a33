package org.universalim.clientprotocol.xmpp.extension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.ConflictException;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.control.WindowSpan;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;

import javax.xml.namespace.QName;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Availability windows (R7), {@code urn:universal-im:availability:1}: when a contact who lets the user see
 * their presence (or the user, without {@code jid}) is usually available, per device.
 */
@ApplicationScoped
public class AvailabilityHandler implements IqHandler {

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    ContactAddresses addresses;

    @Inject
    WatchedContacts watched;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.AVAILABILITY, "availability"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.AVAILABILITY);
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaError.badRequest("availability is a get"));
            return;
        }
        String user = request.user();
        String jid = request.payload().attribute("jid");
        String target = user;
        if (jid != null && !jid.isBlank()) {
            UserId contact = watched.requireAuthorized(user, jid);
            target = addresses.localUser(contact).map(Subscriber::userName).orElseThrow(() ->
                    new ConflictException("remote_unreachable", "availability of users of other ISPs is not available here"));
        }
        AvailabilityView view = indicator.availability(target);
        Xml result = Xml.element("availability", Namespaces.AVAILABILITY).attr("jid", view.address())
                .attr("time-zone", view.timeZone()).attr("weeks", view.weeks()).attr("threshold", view.threshold())
                .attr("aggregate", view.aggregate());
        for (AvailabilityView.DeviceWindows d : view.devices()) {
            Xml device = Xml.element("device").attr("name", d.device()).attr("type", d.type());
            for (WindowSpan w : d.windows()) {
                device.child(Xml.element("window").attr("days", days(w.days())).attr("from", w.from()).attr("until", w.until()));
            }
            result.child(device);
        }
        request.result(result);
    }

    private static String days(List<DayOfWeek> days) {
        return days.stream().map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
    }
}
