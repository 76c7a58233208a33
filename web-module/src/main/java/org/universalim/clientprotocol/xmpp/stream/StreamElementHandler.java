package org.universalim.clientprotocol.xmpp.stream;

import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;

/**
 * Takes the top-level elements of one namespace that are not stanzas, e.g. SASL's {@code <auth/>} and
 * {@code <response/>}; stream management's {@code <enable/>}, {@code <r/>} and {@code <a/>} (XEP-0198) will be
 * another. Found through CDI by {@link StreamNegotiation}. Works on the connection itself: these elements
 * change the stream's state.
 */
public interface StreamElementHandler {

    /** The namespace of the elements it takes. */
    String namespace();

    /**
     * @throws XmppStreamException to end the stream with that error
     */
    void handle(XmppConnection conn, XmlElement element) throws XmppStreamException;
}
