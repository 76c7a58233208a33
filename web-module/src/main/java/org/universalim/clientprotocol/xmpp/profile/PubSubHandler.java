package org.universalim.clientprotocol.xmpp.profile;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.ItemView;
import org.universalim.profile.boundary.PersonalEvents;
import org.universalim.profile.boundary.PersonalItems;
import org.universalim.profile.boundary.PersonalNodes;
import org.universalim.profile.boundary.ProfilePeers;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.control.ProfileSettings;

import javax.xml.namespace.QName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The personal eventing service of every account (XEP-0163 over XEP-0060): the user publishes items (with publish
 * options, XEP-0223), retracts them and creates nodes on their own account; anyone reads items within the node's
 * access model, of a user of this ISP or of another. Subscriptions are implicit (presence and {@code +notify},
 * see {@link EntityCapsExtension}), so explicit subscribing is not offered. The node owner's requests
 * (configuration, purge, deletion) are {@link PubSubOwnerHandler}'s.
 */
@ApplicationScoped
public class PubSubHandler implements IqHandler {

    static final List<String> FEATURES = List.of("access-open", "access-presence", "access-whitelist", "auto-create",
            "auto-subscribe", "config-node", "create-and-configure", "create-nodes", "delete-items", "delete-nodes",
            "filtered-notifications", "item-ids", "last-published", "persistent-items", "presence-notifications",
            "publish", "publish-options", "purge-nodes", "retrieve-default", "retrieve-items");

    /** The most payload characters one answer carries (clients read stanzas of a bounded size too). */
    static final int ANSWER_MAX = 262_144;

    @EJB
    PersonalEvents events;

    @EJB
    PersonalItems items;

    @EJB
    PersonalNodes nodes;

    @Inject
    ProfilePeers peers;

    @Inject
    ProfileSettings settings;

    @Inject
    Owners owners;

    @Inject
    RemoteQueries remote;

    @Override
    public List<QName> handles() {
        return List.of(new QName(ProfileNamespaces.PUBSUB, "pubsub"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public List<String> accountFeatures() {
        return FEATURES.stream().map(f -> ProfileNamespaces.PUBSUB + "#" + f).toList();
    }

    @Override
    public void handle(IqRequest request) {
        XmlElement pubsub = request.payload();
        XmlElement action = pubsub.children().isEmpty() ? null : pubsub.children().get(0);
        if (action == null || !action.namespace().equals(ProfileNamespaces.PUBSUB)) {
            request.error(StanzaError.badRequest("a pubsub request names what it asks"));
            return;
        }
        Owners.Target target = owners.of(request);
        try {
            switch (action.name()) {
                case "publish" -> ifSet(request, target, () -> publish(request, action, pubsub.child("publish-options", ProfileNamespaces.PUBSUB)));
                case "retract" -> ifSet(request, target, () -> retract(request, action));
                case "create" -> ifSet(request, target, () -> create(request, action, pubsub.child("configure", ProfileNamespaces.PUBSUB)));
                case "items" -> {
                    if (request.isGet()) {
                        items(request, target, action);
                    } else {
                        request.error(StanzaError.badRequest("items are asked with a get"));
                    }
                }
                default -> ProfileReplies.unsupported(request, switch (action.name()) {
                    case "subscribe", "unsubscribe" -> "subscribe";
                    case "subscriptions" -> "retrieve-subscriptions";
                    case "affiliations" -> "retrieve-affiliations";
                    case "options" -> "subscription-options";
                    default -> action.name();
                });
            }
        } catch (ProfileRefusal e) {
            ProfileReplies.pubsub(request, e);
        }
    }

    /** Changes are made on the user's own account only. */
    private static void ifSet(IqRequest request, Owners.Target target, Runnable change) {
        if (request.isGet()) {
            request.error(StanzaError.badRequest("this is a set"));
        } else if (target.kind() == Owners.Kind.SERVER) {
            request.error(StanzaError.serviceUnavailable("the server has no publish-subscribe service of its own: accounts have"));
        } else if (!target.own()) {
            request.error(StanzaError.forbidden("only the owner publishes on an account"));
        } else {
            change.run();
        }
    }

    private void publish(IqRequest request, XmlElement publish, XmlElement publishOptions) {
        String node = publish.attribute("node");
        if (node == null || node.isBlank()) {
            ProfileReplies.send(request, StanzaError.badRequest("a publish names its node"), "nodeid-required", null);
            return;
        }
        List<XmlElement> published = publish.children("item", ProfileNamespaces.PUBSUB);
        if (published.isEmpty()) {
            ProfileReplies.send(request, StanzaError.badRequest("a publish carries an item"), "item-required", null);
            return;
        }
        XmlElement item = published.get(0);
        if (published.size() > 1 || item.children().size() != 1) {
            ProfileReplies.send(request, StanzaError.badRequest("one item with one payload is published at a time"), "invalid-payload", null);
            return;
        }
        XmlElement payload = item.children().get(0);
        if (payload.namespace().isEmpty() || XmlCopy.depth(payload) > ProfileSettings.MAX_DEPTH) {
            ProfileReplies.send(request, StanzaError.badRequest("a payload is one element of a namespace, nested at most "
                    + ProfileSettings.MAX_DEPTH + " deep"), "invalid-payload", null);
            return;
        }
        String xml = XmlCopy.of(payload);
        Map<String, List<String>> options = new LinkedHashMap<>(DataForms.fields(DataForms.formIn(publishOptions)));
        options.remove("FORM_TYPE");
        PersonalEvents.Published done = events.publish(request.user(), node, item.attribute("id"), xml, options);
        request.result(Xml.element("pubsub", ProfileNamespaces.PUBSUB).child(Xml.element("publish").attr("node", done.node())
                .child(Xml.element("item").attr("id", done.itemId()))));
    }

    private void retract(IqRequest request, XmlElement retract) {
        String node = retract.attribute("node");
        XmlElement item = retract.child("item", ProfileNamespaces.PUBSUB);
        if (node == null || item == null || item.attribute("id") == null) {
            ProfileReplies.send(request, StanzaError.badRequest("a retraction names its node and item"),
                    node == null ? "nodeid-required" : "item-required", null);
            return;
        }
        String notify = retract.attribute("notify");
        Boolean told = notify == null ? null : notify.equals("true") || notify.equals("1");
        events.retract(request.user(), node, item.attribute("id"), told);
        request.result(null);
    }

    private void create(IqRequest request, XmlElement create, XmlElement configure) {
        String node = create.attribute("node");
        if (node == null || node.isBlank()) {
            ProfileReplies.send(request, new StanzaError("modify", "not-acceptable", "nodes are created with a name"), "nodeid-required", null);
            return;
        }
        Map<String, List<String>> options = new LinkedHashMap<>(DataForms.fields(DataForms.formIn(configure)));
        options.remove("FORM_TYPE");
        nodes.create(request.user(), node, options);
        request.result(null);
    }

    private void items(IqRequest request, Owners.Target target, XmlElement asked) {
        String node = asked.attribute("node");
        if (node == null || node.isBlank()) {
            ProfileReplies.send(request, StanzaError.badRequest("items are asked of a node"), "nodeid-required", null);
            return;
        }
        int max = settings.itemsPerNode();
        String maxItems = asked.attribute("max_items");
        if (maxItems != null) {
            try {
                max = Math.max(1, Math.min(Integer.parseInt(maxItems.strip()), settings.itemsPerNode()));
            } catch (NumberFormatException e) {
                request.error(StanzaError.badRequest("max_items is a number"));
                return;
            }
        }
        List<String> ids = new ArrayList<>();
        asked.children("item", ProfileNamespaces.PUBSUB).stream().map(i -> i.attribute("id")).filter(id -> id != null).limit(100)
                .forEach(ids::add);
        int limit = max;
        switch (target.kind()) {
            case SELF, LOCAL -> answer(request, node, items.items(target.requester(), target.localUser(), node, limit, ids));
            case FOREIGN -> remote.ask(request, () -> peers.items(target.requester(), target.address(), node, limit, ids),
                    found -> answer(request, node, found), ProfileReplies::pubsub);
            default -> request.error(StanzaError.serviceUnavailable(null));
        }
    }

    /** The items (oldest first), as many of the newest as fit {@value #ANSWER_MAX} characters. */
    private static void answer(IqRequest request, String node, List<ItemView> found) {
        int first = found.size();
        int size = 0;
        while (first > 0 && size + found.get(first - 1).payload().length() <= ANSWER_MAX) {
            size += found.get(--first).payload().length();
        }
        Xml items = Xml.element("items").attr("node", node);
        for (ItemView i : found.subList(first, found.size())) {
            items.child(Xml.element("item").attr("id", i.id()).raw(i.payload()));
        }
        request.result(Xml.element("pubsub", ProfileNamespaces.PUBSUB).child(items));
    }
}
