package org.universalim.clientprotocol.xmpp.profile;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.clientprotocol.xmpp.handler.PresenceExtension;
import org.universalim.clientprotocol.xmpp.handler.PresenceUpdate;

import javax.xml.namespace.QName;

/**
 * The hash of the user's photo in a client's presence (XEP-0153 {@code <x xmlns='vcard-temp:x:update'/>}): kept and
 * shown with the resource's presence, so contacts' clients learn that the card's photo changed and fetch the card.
 */
@ApplicationScoped
public class PhotoHashExtension implements PresenceExtension {

    @Override
    public QName element() {
        return new QName(ProfileNamespaces.VCARD_UPDATE, "x");
    }

    @Override
    public void read(XmlElement element, PresenceUpdate update) {
        // nothing of the device's state
    }

    @Override
    public void announced(XmppSession session, XmlElement x) {
        if (x == null) {
            session.presence().announced().forget(ProfileNamespaces.VCARD_UPDATE);
            return;
        }
        String photo = x.childText("photo", ProfileNamespaces.VCARD_UPDATE);
        StringBuilder xml = new StringBuilder("<x xmlns=\"" + ProfileNamespaces.VCARD_UPDATE + "\">");
        if (photo != null && photo.strip().matches("[0-9a-fA-F]{0,64}")) {
            xml.append("<photo>").append(photo.strip()).append("</photo>");
        }
        session.presence().announced().keep(ProfileNamespaces.VCARD_UPDATE, xml.append("</x>").toString());
    }
}
