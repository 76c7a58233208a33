package org.universalim.clientprotocol.xmpp;

/** The XML namespaces the XMPP endpoint speaks, standard ones and ours (docs/xmpp.md). */
public final class Namespaces {

    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    public static final String STREAM = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String CLIENT = "jabber:client";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String ROSTER = "jabber:iq:roster";
    public static final String REGISTER = "jabber:iq:register";
    public static final String REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    public static final String LAST = "jabber:iq:last";
    public static final String BLOCKING = "urn:xmpp:blocking";
    public static final String BLOCKING_ERRORS = "urn:xmpp:blocking:errors";
    public static final String PARS = "urn:xmpp:pars:0";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String PING = "urn:xmpp:ping";
    public static final String OFFLINE = "msgoffline";
    public static final String DELAY = "urn:xmpp:delay";
    public static final String RECEIPTS = "urn:xmpp:receipts";
    /** Message carbons (XEP-0280), forwarding (XEP-0297), stanza ids (XEP-0359), hints (XEP-0334). */
    public static final String CARBONS = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    public static final String STANZA_ID = "urn:xmpp:sid:0";
    public static final String HINTS = "urn:xmpp:hints";
    /** Message archive management (XEP-0313) and result set management (XEP-0059). */
    public static final String MAM = "urn:xmpp:mam:2";
    public static final String RSM = "http://jabber.org/protocol/rsm";
    public static final String DATA = "jabber:x:data";
    /** Stream management (XEP-0198). */
    public static final String SM = "urn:xmpp:sm:3";

    /** Our extensions (docs/xmpp.md). */
    public static final String MESSAGE_EXT = org.universalim.routing.control.UniversalMessageFormat.EXTENSION_NS;
    public static final String PRESENCE_EXT = "urn:universal-im:presence:1";
    public static final String ROSTER_EXT = "urn:universal-im:roster:1";
    public static final String DEVICES = "urn:universal-im:devices:1";
    public static final String RULES = "urn:universal-im:rules:1";
    public static final String AVAILABILITY = "urn:universal-im:availability:1";
    public static final String ALERTS = "urn:universal-im:alerts:1";

    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    private Namespaces() {
    }
}
