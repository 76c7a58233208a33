package org.universalim.clientprotocol.xmpp.s2s;

import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.federation.boundary.XmppArrivals;
import org.universalim.federation.control.XmppCaps;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.profile.boundary.ProfileRefusal;

/**
 * The IQ gets of remote entities our server answers itself (RFC 6120 10.5.3, RFC 6121 8.5.1): to our domain a ping
 * (XEP-0199) and disco#info (XEP-0030, identity {@code server/im}); to one of our users' bare JIDs, on the user's behalf,
 * their card (XEP-0054), disco#info (identity {@code account/registered}) and a ping, each only to someone the user lets
 * see their presence, as for users of other ISPs (others get {@code forbidden} for the card, {@code service-unavailable}
 * otherwise, which tells nothing of whether the user exists); to the resource our users' presence comes from
 * ({@code universal}) disco#info of its entity capabilities ({@link XmppCaps}); to a user's bare JID the items of a
 * personal event node (XEP-0163, XEP-0060 section 6.5) under the node's access model.
 */
final class S2sAnswers {

    static final String VCARD = "vcard-temp";
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";
    /** Item ids asked for at once, and bytes of payloads in one answer. */
    static final int IDS_MAX = 100;
    static final int ANSWER_MAX_BYTES = 200_000;
    /** What an account answers for over s2s. */
    private static final String[] ACCOUNT_FEATURES = {Namespaces.DISCO_INFO, Namespaces.PING, VCARD};
    private static final String[] SERVER_FEATURES = {Namespaces.DISCO_INFO, Namespaces.PING};

    private final S2sServer server;
    private final XmppArrivals arrivals;

    S2sAnswers(S2sServer server, XmppArrivals arrivals) {
        this.server = server;
        this.arrivals = arrivals;
    }

    /** Answers a get it knows, and says so; false for one it does not answer. */
    boolean answer(String remote, XmlElement s, Jid from, Jid to) {
        if (!"get".equals(s.attribute("type")) || s.children().size() != 1) {
            return false;
        }
        boolean ping = s.child("ping", Namespaces.PING) != null;
        XmlElement disco = s.child("query", Namespaces.DISCO_INFO);
        boolean info = disco != null && disco.attribute("node") == null;
        if (to.isDomain()) {
            if (ping) {
                result(remote, s, null);
            } else if (info) {
                result(remote, s, query("server", "im", SERVER_FEATURES));
            } else {
                return false;
            }
            return true;
        }
        if (from.isDomain()) {
            return false;
        }
        if (XmppStanzas.RESOURCE.equals(to.resource()) && disco != null) {
            caps(remote, s, from, to, disco.attribute("node"));
            return true;
        }
        if (!to.isBare()) {
            return false;
        }
        if (s.child("vCard", VCARD) != null) {
            card(remote, s, from, to);
            return true;
        }
        XmlElement pubsub = s.child("pubsub", PUBSUB);
        if (pubsub != null && pubsub.child("items", PUBSUB) != null) {
            items(remote, s, from, to, pubsub.child("items", PUBSUB));
            return true;
        }
        if (!ping && !info) {
            return false;
        }
        if (!arrivals.letsSee(from.userId(), to.bare().toString())) {
            server.refuse(s, remote, "cancel", "service-unavailable", null);
        } else {
            result(remote, s, ping ? null : query("account", "registered", ACCOUNT_FEATURES));
        }
        return true;
    }

    /**
     * A remote user's server asks what the resource our users' presence comes from is (disco#info, of its caps node
     * or none, XEP-0115): the capabilities of {@link XmppCaps}, which ask for the personal event nodes our users'
     * devices commonly want; only to someone the user lets see their presence.
     */
    private void caps(String remote, XmlElement s, Jid from, Jid to, String node) {
        if ((node != null && !node.equals(XmppCaps.NODE + "#" + XmppCaps.VER))
                || !arrivals.letsSee(from.userId(), to.bare().toString())) {
            server.refuse(s, remote, "cancel", "service-unavailable", null);
            return;
        }
        Xml query = Xml.element("query", Namespaces.DISCO_INFO).attr("node", node)
                .child(Xml.element("identity").attr("category", XmppCaps.CATEGORY).attr("type", XmppCaps.TYPE).attr("name", XmppCaps.NAME));
        for (String f : XmppCaps.FEATURES) {
            query.child(Xml.element("feature").attr("var", f));
        }
        result(remote, s, query);
    }

    private static Xml query(String category, String type, String[] features) {
        Xml query = Xml.element("query", Namespaces.DISCO_INFO)
                .child(Xml.element("identity").attr("category", category).attr("type", type));
        for (String f : features) {
            query.child(Xml.element("feature").attr("var", f));
        }
        return query;
    }

    private void result(String remote, XmlElement s, Xml payload) {
        Xml answer = Xml.element("iq", S2sDispatch.SERVER).attr("type", "result").attr("id", s.attribute("id"))
                .attr("from", s.attribute("to")).attr("to", s.attribute("from"));
        if (payload != null) {
            answer.child(payload);
        }
        server.sendSoon(remote, answer.toString());
    }

    /**
     * A remote user asks for items of one of our users' personal event nodes (XEP-0060 section 6.5, e.g. an OMEMO
     * bundle or an avatar): answered under the node's access model, as to users of other ISPs, with XEP-0060's errors.
     */
    private void items(String remote, XmlElement s, Jid from, Jid to, XmlElement asked) {
        String node = asked.attribute("node");
        if (node == null) {
            pubsubError(remote, s, "modify", "bad-request", "nodeid-required");
            return;
        }
        Integer max = null;
        try {
            max = asked.attribute("max_items") == null ? null : Integer.valueOf(asked.attribute("max_items"));
        } catch (NumberFormatException e) {
            pubsubError(remote, s, "modify", "bad-request", null);
            return;
        }
        java.util.List<String> ids = asked.children("item", PUBSUB).stream().map(i -> i.attribute("id"))
                .filter(java.util.Objects::nonNull).limit(IDS_MAX).toList();
        java.util.List<org.universalim.profile.boundary.ItemView> found;
        try {
            found = arrivals.items(from.bare().toString(), to.bare().toString(), node, max, ids);
        } catch (ProfileRefusal e) {
            switch (e.reason()) {
                case NO_NODE -> pubsubError(remote, s, "cancel", "item-not-found", null);
                case NOT_AUTHORIZED -> pubsubError(remote, s, "auth", "not-authorized", "presence-subscription-required");
                case CLOSED -> pubsubError(remote, s, "cancel", "not-allowed", "closed-node");
                default -> server.refuse(s, remote, "cancel", "service-unavailable", null);
            }
            return;
        }
        Xml items = Xml.element("items").attr("node", node);
        int bytes = 0;
        for (org.universalim.profile.boundary.ItemView i : found) {
            bytes += i.payload().length();
            if (bytes > ANSWER_MAX_BYTES) {
                break; // the newest that fit (XEP-0060 6.5.7 lets a service return fewer)
            }
            items.child(Xml.element("item").attr("id", i.id()).raw(i.payload()));
        }
        result(remote, s, Xml.element("pubsub", PUBSUB).child(items));
    }

    private void pubsubError(String remote, XmlElement s, String type, String condition, String pubsubCondition) {
        Xml error = Xml.element("error").attr("type", type).child(Xml.element(condition, Namespaces.STANZA_ERRORS));
        if (pubsubCondition != null) {
            error.child(Xml.element(pubsubCondition, PUBSUB_ERRORS));
        }
        server.sendSoon(remote, Xml.element("iq", S2sDispatch.SERVER).attr("type", "error").attr("id", s.attribute("id"))
                .attr("from", s.attribute("to")).attr("to", s.attribute("from")).child(error).toString());
    }

    /** A remote user asks for one of our users' cards (XEP-0054): given as to users of other ISPs. */
    private void card(String remote, XmlElement s, Jid from, Jid to) {
        String card;
        try {
            card = arrivals.card(from.bare().toString(), to.bare().toString());
        } catch (ProfileRefusal e) {
            boolean forbidden = e.reason() == ProfileRefusal.Reason.NOT_AUTHORIZED;
            server.refuse(s, remote, forbidden ? "auth" : "cancel", forbidden ? "forbidden" : "service-unavailable", null);
            return;
        }
        server.sendSoon(remote, Xml.element("iq", S2sDispatch.SERVER).attr("type", "result").attr("id", s.attribute("id"))
                .attr("from", s.attribute("to")).attr("to", s.attribute("from")).raw(card).toString());
    }
}
