package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.XmlElement;

import javax.xml.namespace.QName;

/**
 * Reads one extension element of the {@code <message/>} a client sends into the message being sent, e.g. our
 * {@code <im/>} of the universal message format (R9, R14). Found through CDI by the {@link MessageHandler};
 * what it declares in {@link #serverFeatures()} is listed by disco#info.
 */
public interface MessageExtension extends ServerFeatures {

    /** The element it reads: namespace and local name. The first such child of a message is read. */
    QName element();

    /**
     * @return the error refusing the message, or {@code null} to go on
     */
    StanzaError read(XmlElement element, OutgoingMessage message);
}
