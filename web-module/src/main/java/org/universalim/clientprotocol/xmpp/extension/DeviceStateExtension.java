package org.universalim.clientprotocol.xmpp.extension;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.PresenceExtension;
import org.universalim.clientprotocol.xmpp.handler.PresenceUpdate;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * Our {@code <device xmlns="urn:universal-im:presence:1" state="BUSY"/>} in an available presence: sets any
 * device state (R3), BUSY included, over what {@code <show/>} says. The same element goes out in every
 * presence the server sends ({@code DeliveryEncoder}).
 */
@ApplicationScoped
public class DeviceStateExtension implements PresenceExtension {

    private static final QName ELEMENT = new QName(Namespaces.PRESENCE_EXT, "device");

    @Override
    public QName element() {
        return ELEMENT;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.PRESENCE_EXT);
    }

    @Override
    public void read(XmlElement device, PresenceUpdate update) {
        update.requestState(device.attribute("state"));
    }
}
