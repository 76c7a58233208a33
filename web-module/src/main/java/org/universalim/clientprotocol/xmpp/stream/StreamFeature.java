package org.universalim.clientprotocol.xmpp.stream;

import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmppConnection;

/**
 * A stream feature (RFC 6120 section 4.3.2) the server offers in {@code <stream:features/>}: SASL mechanisms
 * and in-band registration before log-in, resource binding and the optional session after. Found through
 * CDI by {@link StreamOpening}: stream management (XEP-0198) will be one more.
 */
public interface StreamFeature {

    /**
     * Where it is offered: {@link StreamStage#AUTHENTICATING} on the first stream, {@link StreamStage#AUTHENTICATED}
     * on the stream restarted after SASL.
     */
    StreamStage offeredAt();

    /** Its place among the features offered at that stage, lowest first. */
    int order();

    /** The feature element for this connection, or {@code null} to offer nothing on it. */
    Xml feature(XmppConnection conn);
}
