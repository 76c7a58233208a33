package org.universalim.clientprotocol.xmpp.extension;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.MessageExtension;
import org.universalim.clientprotocol.xmpp.handler.OutgoingMessage;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * The client's own id of a message (XEP-0359 {@code <origin-id/>}), its client id in the routing core: a message sent
 * again with the same origin-id from the same account (a client that lost its stream before the server acknowledged the
 * message, and sends it again on a new one) is the same message, delivered once. The stanza's {@code id} is not used:
 * clients reuse it (counters that start again with each stream). The feature is not announced: XEP-0359 ties
 * {@code urn:xmpp:sid:0} to the server adding stanza-ids, which it does not.
 */
@ApplicationScoped
public class OriginIdExtension implements MessageExtension {

    static final String SID = "urn:xmpp:sid:0";
    private static final QName ELEMENT = new QName(SID, "origin-id");

    @Override
    public QName element() {
        return ELEMENT;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of();
    }

    @Override
    public StanzaError read(XmlElement originId, OutgoingMessage message) {
        String id = originId.attribute("id");
        if (id == null || id.isBlank()) {
            return StanzaError.badRequest("origin-id has an id");
        }
        // its bounds (1 to 128 characters, no control characters) are checked with the rest of the request
        message.clientId(id);
        return null;
    }
}
