package org.universalim.clientprotocol.xmpp;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.boundary.AlertRequest;
import org.universalim.presence.boundary.AlertView;
import org.universalim.presence.boundary.AvailabilityAlerts;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.boundary.DeviceView;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.control.WindowSpan;
import org.universalim.presence.entity.Device;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Our XMPP extensions (docs/xmpp.md): a user's devices (R3) and delivery rules (R4), a contact's
 * availability windows and availability alerts (R7). Each is an IQ get or set to the server.
 */
@ApplicationScoped
public class UniversalExtensions {

    @EJB
    DeviceRegistry devices;

    @EJB
    PresenceRules rules;

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    AvailabilityAlerts alerts;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    ContactAddresses addresses;

    /**
     * Answers an IQ of one of our namespaces.
     *
     * @return false when the payload is none of ours
     */
    boolean handle(XmppConnection conn, XmlElement iq, XmlElement payload, boolean get) {
        String user = conn.userName();
        try {
            switch (payload.name() + " " + payload.namespace()) {
                case "query " + Namespaces.DEVICES -> {
                    if (!get) {
                        setDevices(user, payload);
                    }
                    Replies.result(conn, iq, devices(user));
                }
                case "rules " + Namespaces.RULES -> {
                    RulesView view = get ? rules.rules(user) : setRules(user, payload);
                    Replies.result(conn, iq, rules(view));
                }
                case "availability " + Namespaces.AVAILABILITY -> {
                    if (!get) {
                        Replies.error(conn, iq, StanzaError.badRequest("availability is a get"));
                        return true;
                    }
                    Replies.result(conn, iq, availability(user, payload.attribute("jid")));
                }
                case "alert " + Namespaces.ALERTS -> {
                    if (get) {
                        Replies.error(conn, iq, StanzaError.badRequest("setting an alert is a set"));
                        return true;
                    }
                    String contact = required(payload.attribute("jid"), "jid");
                    requireAuthorized(user, contact);
                    Replies.result(conn, iq, alert(alerts.set(user, new AlertRequest(contact, payload.attribute("from"),
                            payload.attribute("until")))));
                }
                case "alerts " + Namespaces.ALERTS -> {
                    Xml list = Xml.element("alerts", Namespaces.ALERTS);
                    alerts.alerts(user).forEach(a -> list.child(alert(a)));
                    Replies.result(conn, iq, list);
                }
                case "cancel " + Namespaces.ALERTS -> {
                    long id;
                    try {
                        id = Long.parseLong(required(payload.attribute("id"), "id").strip());
                    } catch (NumberFormatException e) {
                        throw new InvalidRequestException("id", "an alert id is a number");
                    }
                    Replies.result(conn, iq, alert(alerts.cancel(user, id)));
                }
                default -> {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            Replies.error(conn, iq, Replies.failure(e));
        }
        return true;
    }

    // --- devices (R3)

    private Xml devices(String user) {
        List<String> order = rules.rules(user).deviceOrder();
        Xml query = Xml.element("query", Namespaces.DEVICES);
        for (Device d : devices.devices(user)) {
            DeviceView v = DeviceView.of(d, order.indexOf(d.name()) + 1);
            Xml device = Xml.element("device").attr("name", v.name()).attr("type", v.type()).attr("state", v.state())
                    .attr("status", v.statusText()).attr("endpoint", v.endpoint()).attr("fixed-address", v.fixedAddress())
                    .attr("security-level", v.securityLevel()).attr("rank", v.rank())
                    .attr("registered-at", v.registeredAt()).attr("state-since", v.stateSince());
            v.links().forEach(l -> device.childText("link", l));
            v.applications().forEach(a -> device.childText("application", a));
            v.supportedStates().forEach(s -> device.childText("supported-state", s));
            query.child(device);
        }
        return query;
    }

    private void setDevices(String user, XmlElement query) {
        List<XmlElement> items = query.children("device", Namespaces.DEVICES);
        if (items.isEmpty()) {
            throw new InvalidRequestException("device", "a set names at least one <device/>");
        }
        for (XmlElement d : items) {
            String name = required(d.attribute("name"), "name");
            if ("true".equals(d.attribute("remove"))) {
                devices.remove(user, name);
                continue;
            }
            DeviceSpec spec = new DeviceSpec(name, d.attribute("type"), texts(d, "link"), texts(d, "supported-state"),
                    texts(d, "application"), d.attribute("endpoint"),
                    d.attribute("fixed-address") == null ? null : Boolean.valueOf(d.attribute("fixed-address")),
                    integer(d.attribute("security-level"), "security-level"));
            if (devices.find(user, name).isPresent()) {
                devices.update(user, name, spec);
            } else {
                devices.register(user, spec);
            }
        }
    }

    private static List<String> texts(XmlElement parent, String name) {
        List<XmlElement> children = parent.children(name, parent.namespace());
        return children.isEmpty() ? null : children.stream().map(XmlElement::text).toList();
    }

    // --- rules (R4)

    private RulesView setRules(String user, XmlElement payload) {
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

    private static Xml rules(RulesView view) {
        Xml rules = Xml.element("rules", Namespaces.RULES).attr("ack-timeout-ms", view.ackTimeoutMillis())
                .attr("defaults", view.defaults());
        view.deviceOrder().forEach(d -> rules.childText("device", d));
        return rules;
    }

    // --- availability and alerts (R7)

    private Xml availability(String user, String jid) {
        String target = user;
        if (jid != null && !jid.isBlank()) {
            UserId contact = requireAuthorized(user, jid);
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
        return result;
    }

    private static String days(List<DayOfWeek> days) {
        return days.stream().map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
    }

    private static Xml alert(AlertView a) {
        return Xml.element("alert", Namespaces.ALERTS).attr("id", a.id()).attr("jid", a.contact()).attr("from", a.from())
                .attr("until", a.until()).attr("state", a.state()).attr("fired-at", a.firedAt()).attr("device", a.firedDevice());
    }

    private UserId requireAuthorized(String user, String contact) {
        UserId target = addresses.parse("jid", contact);
        if (!authorization.mayWatch(user, target)) {
            throw new ConflictException("not_authorized", contact + " has not let you see their presence: ask for it first");
        }
        return target;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        return value;
    }

    private static Integer integer(String value, String field) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "a whole number");
        }
    }
}
