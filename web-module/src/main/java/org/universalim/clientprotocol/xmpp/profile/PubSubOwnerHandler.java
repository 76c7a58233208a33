package org.universalim.clientprotocol.xmpp.profile;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.PersonalNodes;
import org.universalim.profile.boundary.ProfileRefusal;
import org.universalim.profile.control.NodeConfig;
import org.universalim.profile.control.ProfileSettings;

import javax.xml.namespace.QName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the owner of a personal event node does with it (XEP-0060 section 8, {@code pubsub#owner}): read and change
 * its configuration (a data form of {@code pubsub#node_config}), the default configuration, purge and delete it.
 * Affiliations and subscriptions are not kept (subscriptions are implicit), so they are not offered.
 */
@ApplicationScoped
public class PubSubOwnerHandler implements IqHandler {

    @EJB
    PersonalNodes nodes;

    @Inject
    ProfileSettings settings;

    @Inject
    Owners owners;

    @Override
    public List<QName> handles() {
        return List.of(new QName(ProfileNamespaces.PUBSUB_OWNER, "pubsub"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public void handle(IqRequest request) {
        XmlElement pubsub = request.payload();
        XmlElement action = pubsub.children().isEmpty() ? null : pubsub.children().get(0);
        if (action == null) {
            request.error(StanzaError.badRequest("a pubsub#owner request names what it asks"));
            return;
        }
        if (!owners.of(request).own()) {
            request.error(StanzaError.forbidden("only the owner configures a node"));
            return;
        }
        String user = request.user();
        String node = action.attribute("node");
        try {
            switch (action.name()) {
                case "default" -> request.result(Xml.element("pubsub", ProfileNamespaces.PUBSUB_OWNER)
                        .child(Xml.element("default").child(form(null, NodeConfig.defaults()))));
                case "configure" -> {
                    if (named(request, node)) {
                        if (request.isGet()) {
                            request.result(Xml.element("pubsub", ProfileNamespaces.PUBSUB_OWNER)
                                    .child(Xml.element("configure").attr("node", node).child(form(node, nodes.configuration(user, node)))));
                        } else {
                            Map<String, List<String>> fields = new LinkedHashMap<>(DataForms.fields(DataForms.formIn(action)));
                            fields.remove("FORM_TYPE");
                            nodes.configure(user, node, fields);
                            request.result(null);
                        }
                    }
                }
                case "delete" -> {
                    if (named(request, node)) {
                        nodes.delete(user, node);
                        request.result(null);
                    }
                }
                case "purge" -> {
                    if (named(request, node)) {
                        nodes.purge(user, node);
                        request.result(null);
                    }
                }
                default -> ProfileReplies.unsupported(request, switch (action.name()) {
                    case "affiliations" -> "modify-affiliations";
                    case "subscriptions" -> "manage-subscriptions";
                    default -> action.name();
                });
            }
        } catch (ProfileRefusal e) {
            ProfileReplies.pubsub(request, e);
        }
    }

    private static boolean named(IqRequest request, String node) {
        if (node == null || node.isBlank()) {
            ProfileReplies.send(request, StanzaError.badRequest("the request names its node"), "nodeid-required", null);
            return false;
        }
        return true;
    }

    /** The configuration as a form to fill in (XEP-0060 section 16.4). */
    private Xml form(String node, NodeConfig config) {
        int bound = settings.itemsPerNode();
        Map<String, String> values = config.fields(bound);
        Xml x = DataForms.form("form", ProfileNamespaces.NODE_CONFIG, node == null ? "Default node configuration"
                : "Configuration of " + node, null);
        x.child(DataForms.listField(NodeConfig.ACCESS_MODEL, "Who may read the items", values.get(NodeConfig.ACCESS_MODEL),
                List.of("open", "presence", "whitelist")));
        x.child(DataForms.field(NodeConfig.PERSIST_ITEMS, "boolean", "Keep items", false, values.get(NodeConfig.PERSIST_ITEMS)));
        x.child(DataForms.field(NodeConfig.MAX_ITEMS, "text-single", "How many items to keep (at most " + bound + ", or max)", false,
                values.get(NodeConfig.MAX_ITEMS)));
        x.child(DataForms.listField(NodeConfig.SEND_LAST, "When to send the last item", values.get(NodeConfig.SEND_LAST),
                List.of("never", "on_sub", "on_sub_and_presence")));
        x.child(DataForms.field(NodeConfig.NOTIFY_RETRACT, "boolean", "Notify when an item is retracted", false,
                values.get(NodeConfig.NOTIFY_RETRACT)));
        x.child(DataForms.field(NodeConfig.DELIVER_PAYLOADS, "boolean", "Deliver payloads with notifications", false,
                values.get(NodeConfig.DELIVER_PAYLOADS)));
        return x;
    }
}
