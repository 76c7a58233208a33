package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.DeliveryEncoder;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.roster.boundary.RosterService;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * The roster (RFC 6121 section 2, R5), shared with the Local protocol: a get lists it with our flag for
 * universal contacts, a set adds, changes or removes one item; the change comes back as a roster push to
 * every resource of the user.
 */
@ApplicationScoped
public class RosterHandler implements IqHandler {

    @EJB
    RosterService roster;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.ROSTER, "query"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.ROSTER);
    }

    @Override
    public void handle(IqRequest request) {
        String user = request.user();
        if (request.isGet()) {
            Xml result = Xml.element("query", Namespaces.ROSTER);
            roster.roster(user).forEach(e -> result.child(DeliveryEncoder.rosterItem(e, false)));
            request.result(result);
            return;
        }
        List<XmlElement> items = request.payload().children("item", Namespaces.ROSTER);
        if (items.size() != 1 || items.get(0).attribute("jid") == null) {
            request.error(StanzaError.badRequest("a roster set has one item with a jid"));
            return;
        }
        XmlElement item = items.get(0);
        Jid contact;
        try {
            contact = Jid.parse(item.attribute("jid")).bare();
        } catch (IllegalArgumentException e) {
            request.error(new StanzaError("modify", "jid-malformed", e.getMessage()));
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
        request.result(null);
    }
}
