package org.universalim.clientprotocol.xmpp;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.LastActivity;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.RegistrationRequest;
import org.universalim.registration.entity.Subscriber;
import org.universalim.registration.entity.UserId;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterService;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The IQs the server answers itself: the roster (RFC 6121 section 2, R5), service discovery (XEP-0030),
 * last activity (XEP-0012, from the presence history) and in-band registration (XEP-0077, R1).
 */
@ApplicationScoped
public class ServerQueries {

    @EJB
    RosterService roster;

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    LastActivity lastActivity;

    @EJB
    LocalRegistrar registrar;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    private String domain() {
        return isp.universalDomain();
    }

    void rosterIq(XmppConnection conn, XmlElement iq, XmlElement query, boolean get) {
        String user = conn.userName();
        if (get) {
            Xml result = Xml.element("query", Namespaces.ROSTER);
            roster.roster(user).forEach(e -> result.child(DeliveryEncoder.rosterItem(e, false)));
            Replies.result(conn, iq, result);
            return;
        }
        List<XmlElement> items = query.children("item", Namespaces.ROSTER);
        if (items.size() != 1 || items.get(0).attribute("jid") == null) {
            Replies.error(conn, iq, StanzaError.badRequest("a roster set has one item with a jid"));
            return;
        }
        XmlElement item = items.get(0);
        Jid contact;
        try {
            contact = Jid.parse(item.attribute("jid")).bare();
        } catch (IllegalArgumentException e) {
            Replies.error(conn, iq, new StanzaError("modify", "jid-malformed", e.getMessage()));
            return;
        }
        if ("remove".equals(item.attribute("subscription"))) {
            roster.remove(user, contact.toString());
        } else {
            List<String> groups = item.children("group", Namespaces.ROSTER).stream().map(XmlElement::text).toList();
            String name = item.attribute("name");
            if (roster.entry(user, contact.toString()).isPresent()) {
                roster.update(user, contact.toString(), name == null ? "" : name, groups);
            } else {
                roster.add(user, contact.toString(), name, groups, false);
            }
        }
        Replies.result(conn, iq, null);
    }

    void discoInfo(XmppConnection conn, XmlElement iq, XmlElement query, Jid to, boolean get) {
        if (!get) {
            Replies.error(conn, iq, StanzaError.badRequest("disco#info is a get"));
            return;
        }
        if (query.attribute("node") != null) {
            Replies.error(conn, iq, StanzaError.itemNotFound("no such node"));
            return;
        }
        Xml result = Xml.element("query", Namespaces.DISCO_INFO);
        if (to == null || to.isDomain()) {
            result.child(Xml.element("identity").attr("category", "server").attr("type", "im").attr("name", "Universal IM"));
            for (String f : List.of(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.PING, Namespaces.REGISTER,
                    Namespaces.LAST, Namespaces.OFFLINE, Namespaces.ROSTER, Namespaces.MESSAGE_EXT, Namespaces.PRESENCE_EXT,
                    Namespaces.DEVICES, Namespaces.RULES, Namespaces.AVAILABILITY, Namespaces.ALERTS)) {
                result.child(Xml.element("feature").attr("var", f));
            }
        } else if (visible(conn, to)) {
            result.child(Xml.element("identity").attr("category", "account").attr("type", "registered"));
            result.child(Xml.element("feature").attr("var", Namespaces.DISCO_INFO));
            result.child(Xml.element("feature").attr("var", Namespaces.LAST));
        } else {
            Replies.error(conn, iq, StanzaError.serviceUnavailable(null));
            return;
        }
        Replies.result(conn, iq, result);
    }

    void discoItems(XmppConnection conn, XmlElement iq, XmlElement query, Jid to, boolean get) {
        if (!get) {
            Replies.error(conn, iq, StanzaError.badRequest("disco#items is a get"));
        } else if (to == null || to.isDomain() || visible(conn, to)) {
            Replies.result(conn, iq, Xml.element("query", Namespaces.DISCO_ITEMS));
        } else {
            Replies.error(conn, iq, StanzaError.serviceUnavailable(null));
        }
    }

    /** Whether the user may learn about another user's account: themselves, or a contact who approved them. */
    private boolean visible(XmppConnection conn, Jid user) {
        UserId id = user.userId();
        return addresses.localUser(id).isPresent() && authorization.mayWatch(conn.userName(), id);
    }

    /** XEP-0012: the server's uptime, or how long ago a contact was last connected (from the presence history). */
    void last(XmppConnection conn, XmlElement iq, Jid to, boolean get) {
        if (!get) {
            Replies.error(conn, iq, StanzaError.badRequest("last activity is a get"));
            return;
        }
        if (to == null || to.isDomain()) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
            Replies.result(conn, iq, Xml.element("query", Namespaces.LAST).attr("seconds", uptime));
            return;
        }
        Optional<Subscriber> contact = addresses.localUser(to.userId());
        if (contact.isEmpty() || !authorization.mayWatch(conn.userName(), to.userId())) {
            Replies.error(conn, iq, contact.isEmpty() ? StanzaError.serviceUnavailable(null)
                    : StanzaError.forbidden("you do not see this contact's presence"));
            return;
        }
        Optional<Duration> since = lastActivity.sinceLastSeen(contact.get().userName());
        if (since.isEmpty()) {
            Replies.error(conn, iq, StanzaError.itemNotFound("never seen"));
            return;
        }
        Replies.result(conn, iq, Xml.element("query", Namespaces.LAST).attr("seconds", since.get().toSeconds()));
    }

    // --- in-band registration (XEP-0077, R1)

    void register(XmppConnection conn, XmlElement iq, XmlElement query) {
        boolean get = "get".equals(iq.attribute("type"));
        if (!get && !"set".equals(iq.attribute("type"))) {
            if (conn.stage() != StreamStage.BOUND) {
                return;
            }
            Replies.error(conn, iq, StanzaError.badRequest("get or set"));
            return;
        }
        if (conn.stage() == StreamStage.BOUND) {
            if (!get) {
                Replies.error(conn, iq, StanzaError.notAllowed("change or close your account through the account API"));
                return;
            }
            Account account = registrar.account(conn.userName()).orElseThrow();
            Replies.result(conn, iq, Xml.element("query", Namespaces.REGISTER).child(Xml.element("registered"))
                    .childText("username", account.userName()).childText("name", account.attributes().fullName())
                    .childText("email", account.attributes().email()).childText("address", account.attributes().postalAddress())
                    .childText("nick", account.attributes().screenName()).childText("misc", account.attributes().billingReference()));
            return;
        }
        if (get) {
            Replies.result(conn, iq, Xml.element("query", Namespaces.REGISTER)
                    .childText("instructions", "Choose a user name and a password of 8 to 128 characters, and give your "
                            + "full name (name). Optional: email, address (postal), nick (screen name), misc (billing "
                            + "reference). You register with the Universal IM server: you become user@" + domain() + ".")
                    .child(Xml.element("username")).child(Xml.element("password")).child(Xml.element("name"))
                    .child(Xml.element("email")).child(Xml.element("address")).child(Xml.element("nick"))
                    .child(Xml.element("misc")));
            return;
        }
        if (query.child("remove", Namespaces.REGISTER) != null) {
            Replies.error(conn, iq, StanzaError.notAllowed("log in to close an account"));
            return;
        }
        String ns = Namespaces.REGISTER;
        RegistrationRequest request = new RegistrationRequest(query.childText("username", ns), query.childText("password", ns),
                blankToNull(query.childText("name", ns)), blankToNull(query.childText("address", ns)),
                blankToNull(query.childText("misc", ns)), blankToNull(query.childText("nick", ns)),
                blankToNull(query.childText("email", ns)), null, true);
        try {
            Account account = registrar.register(request);
            log.info(() -> "registered " + account.universalAddress() + " in band (XMPP)");
            Replies.result(conn, iq, null);
        } catch (ConflictException e) {
            Replies.error(conn, iq, StanzaError.conflict(e.getMessage()));
        } catch (InvalidRequestException e) {
            Replies.error(conn, iq, StanzaError.notAcceptable(e.getMessage()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
