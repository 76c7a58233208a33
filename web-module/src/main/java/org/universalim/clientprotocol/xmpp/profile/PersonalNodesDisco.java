package org.universalim.clientprotocol.xmpp.profile;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.handler.AccountNodes;
import org.universalim.clientprotocol.xmpp.handler.AccountVisibility;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.PersonalItems;
import org.universalim.profile.boundary.ProfilePeers;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.entity.AccessModel;
import org.universalim.profile.entity.PersonalNode;

import java.util.List;

/**
 * Service discovery of personal event nodes (XEP-0163 section 8, XEP-0060 section 5): disco#items of an account
 * lists the nodes the requester may read (to the user and to those the user lets see their presence; others get
 * {@code service-unavailable}, as for the account itself), disco#info of a node says it is a leaf node and who may
 * read it. For users of other ISPs their ISP is asked.
 */
@ApplicationScoped
public class PersonalNodesDisco implements AccountNodes {

    @EJB
    PersonalItems items;

    @Inject
    ProfilePeers peers;

    @Inject
    Owners owners;

    @Inject
    AccountVisibility accounts;

    @Inject
    RemoteQueries remote;

    @Override
    public void items(IqRequest request) {
        Owners.Target target = owners.of(request);
        String jid = request.to().bare().toString();
        try {
            switch (target.kind()) {
                case SELF, LOCAL -> {
                    if (!accounts.visible(request.user(), request.to())) {
                        request.error(StanzaError.serviceUnavailable(null));
                        return;
                    }
                    List<PersonalNode> found = items.readableNodes(target.requester(), target.localUser());
                    request.result(list(jid, found.stream().map(PersonalNode::name).toList()));
                }
                case FOREIGN -> remote.ask(request, () -> peers.nodes(target.requester(), target.address()),
                        found -> request.result(list(jid, found.stream().map(ProfilePeers.NodeView::name).toList())),
                        (r, e) -> r.error(StanzaError.serviceUnavailable(null)));
                default -> request.error(StanzaError.serviceUnavailable(null));
            }
        } catch (ProfileRefusal e) {
            request.error(StanzaError.serviceUnavailable(null));
        }
    }

    @Override
    public void info(IqRequest request, String node) {
        Owners.Target target = owners.of(request);
        try {
            switch (target.kind()) {
                case SELF, LOCAL -> {
                    PersonalNode found = items.readable(target.requester(), target.localUser(), node);
                    request.result(leaf(node, found.accessModel()));
                }
                case FOREIGN -> remote.ask(request, () -> peers.node(target.requester(), target.address(), node),
                        found -> request.result(leaf(node, found.access())), ProfileReplies::pubsub);
                default -> request.error(StanzaError.serviceUnavailable(null));
            }
        } catch (ProfileRefusal e) {
            ProfileReplies.pubsub(request, e);
        }
    }

    private static Xml list(String jid, List<String> names) {
        Xml query = Xml.element("query", Namespaces.DISCO_ITEMS);
        names.forEach(n -> query.child(Xml.element("item").attr("jid", jid).attr("node", n)));
        return query;
    }

    /** A leaf node (XEP-0060 section 5.3) with its access model (the meta-data form of section 5.4). */
    private static Xml leaf(String node, AccessModel access) {
        Xml form = DataForms.form("result", "http://jabber.org/protocol/pubsub#meta-data", null, null)
                .child(DataForms.field("pubsub#access_model", "list-single", null, false, access.value()));
        return Xml.element("query", Namespaces.DISCO_INFO).attr("node", node)
                .child(Xml.element("identity").attr("category", "pubsub").attr("type", "leaf"))
                .child(Xml.element("feature").attr("var", ProfileNamespaces.PUBSUB))
                .child(form);
    }
}
