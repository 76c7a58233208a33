package org.universalim.clientprotocol.xmpp.extension;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.MessageExtension;
import org.universalim.clientprotocol.xmpp.handler.OutgoingMessage;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * The {@code <im/>} element of the universal message format (R9, R14): the application type and security
 * level of a message ({@code text} and 0 without it).
 */
@ApplicationScoped
public class ImExtension implements MessageExtension {

    private static final QName ELEMENT = new QName(Namespaces.MESSAGE_EXT, "im");

    @Override
    public QName element() {
        return ELEMENT;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.MESSAGE_EXT);
    }

    @Override
    public StanzaError read(XmlElement im, OutgoingMessage message) {
        message.application(im.attribute("application"));
        String level = im.attribute("security-level");
        try {
            message.securityLevel(level == null ? 0 : Integer.parseInt(level.strip()));
        } catch (NumberFormatException e) {
            return StanzaError.badRequest("security-level is 0 to 3");
        }
        return null;
    }
}
