package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;

import javax.xml.namespace.QName;

/**
 * Reads one extension element of the available presence a client sends, e.g. our {@code <device state/>}
 * that sets any device state (R3). Found through CDI by the {@link PresenceBroadcast}; what it declares in
 * {@link #serverFeatures()} is listed by disco#info.
 */
public interface PresenceExtension extends ServerFeatures {

    /** The element it reads: namespace and local name. The first such child of a presence is read. */
    QName element();

    /**
     * @throws IllegalArgumentException when the element asks for something impossible (answered {@code bad-request})
     */
    void read(XmlElement element, PresenceUpdate update);

    /**
     * The resource sent an available presence (read without fault): what it announced with it, to keep for the
     * resource (its {@code ResourcePresence.announced()}), before watchers are shown the presence.
     *
     * @param element the extension's element in that presence, or {@code null} when it has none
     */
    default void announced(XmppSession session, XmlElement element) {
    }
}
