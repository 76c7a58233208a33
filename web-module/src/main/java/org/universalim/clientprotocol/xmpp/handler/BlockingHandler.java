package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.privacy.boundary.BlockList;
import org.universalim.privacy.boundary.BlockView;

import javax.xml.namespace.QName;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocking Command (XEP-0191) over the user's one block list ({@link BlockList}), the same list the Local protocol,
 * the JSON API and the web client change: a get answers the list, {@code <block/>} adds the items' JIDs,
 * {@code <unblock/>} removes them (all without items). A JID with a resource blocks its bare JID; a domain blocks
 * the whole domain. The routing core enforces the list for every protocol.
 */
@ApplicationScoped
public class BlockingHandler implements IqHandler {

    /** The most items one request names (the list itself holds at most {@link BlockList#MAX_ENTRIES}). */
    static final int MAX_ITEMS = 100;

    @EJB
    BlockList blocks;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.BLOCKING, "blocklist"), new QName(Namespaces.BLOCKING, "block"),
                new QName(Namespaces.BLOCKING, "unblock"));
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.BLOCKING);
    }

    @Override
    public void handle(IqRequest request) {
        String name = request.payload().name();
        if ("blocklist".equals(name)) {
            if (!request.isGet()) {
                request.error(StanzaError.badRequest("get the block list; set block or unblock"));
                return;
            }
            request.session().blocklistWanted();
            Xml list = Xml.element("blocklist", Namespaces.BLOCKING);
            for (BlockView b : blocks.list(request.user())) {
                list.child(Xml.element("item").attr("jid", b.address()));
            }
            request.result(list);
            return;
        }
        if (request.isGet()) {
            request.error(StanzaError.badRequest(name + " is a set"));
            return;
        }
        List<String> jids = new ArrayList<>();
        for (XmlElement item : request.payload().children("item", Namespaces.BLOCKING)) {
            String jid = item.attribute("jid");
            if (jid == null) {
                request.error(StanzaError.badRequest("an item names a jid"));
                return;
            }
            try {
                jids.add(Jid.parse(jid).bare().toString());
            } catch (IllegalArgumentException e) {
                request.error(new StanzaError("modify", "jid-malformed", "not a JID: " + jid));
                return;
            }
        }
        if (jids.size() > MAX_ITEMS) {
            request.error(StanzaError.notAcceptable("at most " + MAX_ITEMS + " items in one request"));
            return;
        }
        if ("block".equals(name)) {
            if (jids.isEmpty()) {
                request.error(StanzaError.badRequest("block names at least one item"));
                return;
            }
            blocks.blockAll(request.user(), jids);
        } else if (jids.isEmpty()) {
            blocks.unblockAll(request.user());
        } else {
            blocks.unblockAll(request.user(), jids);
        }
        request.result(null);
    }
}
