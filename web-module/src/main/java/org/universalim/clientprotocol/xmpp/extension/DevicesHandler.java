package org.universalim.clientprotocol.xmpp.extension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.boundary.DeviceView;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.entity.Device;

import javax.xml.namespace.QName;
import java.util.List;

import static org.universalim.clientprotocol.xmpp.extension.Arguments.integer;
import static org.universalim.clientprotocol.xmpp.extension.Arguments.required;
import static org.universalim.clientprotocol.xmpp.extension.Arguments.texts;

/**
 * A user's devices (R3), {@code urn:universal-im:devices:1}: a get lists them with their place in the delivery
 * order; a set registers or describes again each {@code <device/>}, or removes it with {@code remove="true"}.
 */
@ApplicationScoped
public class DevicesHandler implements IqHandler {

    @EJB
    DeviceRegistry devices;

    @EJB
    PresenceRules rules;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.DEVICES, "query"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.DEVICES);
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            set(request.user(), request.payload());
        }
        request.result(list(request.user()));
    }

    private Xml list(String user) {
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

    private void set(String user, XmlElement query) {
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
}
