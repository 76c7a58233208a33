package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;

/**
 * An IQ for a handler, with the session it came on and the ways to answer it.
 *
 * @param iq      the {@code <iq/>} stanza
 * @param payload its one child
 * @param to      its {@code to}, or {@code null} when it has none (addressed to the user's own account, i.e. the server)
 */
public record IqRequest(XmppSession session, XmlElement iq, XmlElement payload, Jid to) {

    public boolean isGet() {
        return "get".equals(iq.attribute("type"));
    }

    /** The logged-in user's name ({@code null} before log-in). */
    public String user() {
        return session.userName();
    }

    /** Whether it asks about the server itself: no {@code to}, or a domain. */
    public boolean aboutServer() {
        return to == null || to.isDomain();
    }

    /** Answers with a result carrying {@code payload} (none when {@code null}). */
    public void result(Xml payload) {
        Replies.result(session, iq, payload);
    }

    public void error(StanzaError error) {
        Replies.error(session, iq, error);
    }
}
