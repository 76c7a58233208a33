package org.universalim.clientprotocol.xmpp.s2s;

import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

/**
 * What a stanza on an authenticated server-to-server stream may be (RFC 6120 4.9.3, 8.1.1.2, 8.1.2.1, 13.7): a
 * {@code message}, {@code presence} or {@code iq} of {@code jabber:server}, with a {@code from} and a {@code to}; from the
 * authenticated domain only (else {@code invalid-from}), to our domain only (else {@code host-unknown}). Any breach
 * ends the stream.
 */
final class StanzaAddressing {

    /** The checked addresses. */
    record Addressed(Jid from, Jid to) {
    }

    private StanzaAddressing() {
    }

    static Addressed check(XmlElement s, String peer, String ourDomain) throws XmppStreamException {
        if (!S2sChannel.SERVER.equals(s.namespace())
                || !(s.name().equals("message") || s.name().equals("presence") || s.name().equals("iq"))) {
            throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE, "only message, presence and iq");
        }
        Jid from;
        Jid to;
        try {
            from = s.attribute("from") == null ? null : Jid.parse(s.attribute("from"));
            to = s.attribute("to") == null ? null : Jid.parse(s.attribute("to"));
        } catch (IllegalArgumentException e) {
            throw new XmppStreamException(Condition.IMPROPER_ADDRESSING, "a malformed address");
        }
        if (from == null || to == null) {
            throw new XmppStreamException(Condition.IMPROPER_ADDRESSING, "a stanza between servers has from and to");
        }
        if (!from.domain().equals(peer)) {
            throw new XmppStreamException(Condition.INVALID_FROM, "this stream carries stanzas of " + peer + " only");
        }
        if (!to.domain().equals(ourDomain)) {
            throw new XmppStreamException(Condition.HOST_UNKNOWN, "this server serves " + ourDomain);
        }
        return new Addressed(from, to);
    }
}
