package org.universalim.clientprotocol.xmpp.s2s;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.profile.EntityCapsExtension;
import org.universalim.federation.boundary.RemoteInterestStore;
import org.universalim.federation.control.XmppStanzas;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Which personal event nodes (XEP-0163) the resources of remote users want to be told of, learned as Prosody's
 * mod_pep does: from the entity capabilities (XEP-0115 {@code <c/>}) in the presence they send our users over s2s, from
 * memory when the {@code ver} was verified before (the cache of {@link EntityCapsExtension}), else by asking the
 * resource (disco#info of {@code node#ver}, from the bare JID of the user of ours it sent its presence to). A
 * {@code node+notify} feature asks for the node. A resource's interests end with its unavailable presence, or with new
 * capabilities. Kept in the database ({@link RemoteInterestStore}), so that the node that writes an event over s2s (the
 * one draining the outbox) knows what the node that received the presence learned; bounded there, and a resource we are
 * never told of again counts no more after a day. The questions under way are kept on this node: their answers come on
 * the stream the presence came on.
 */
@ApplicationScoped
public class RemoteInterests {

    static final String NOTIFY = "+notify";
    private static final Logger LOG = Logger.getLogger(RemoteInterests.class.getName());

    /** A disco#info question sent to a remote resource. */
    private record Asked(String resource, String hash, String ver) {
    }

    @Inject
    Caches caches;

    @Inject
    EntityCapsExtension caps;

    @EJB
    RemoteInterestStore store;
    /** Id of a disco#info question → what it asks. */
    private NamedCache<String, Asked> asked;
    /** Resource, hash and ver of a question under way → its id: one question at a time for the same capabilities. */
    private NamedCache<String, String> pending;

    @PostConstruct
    void create() {
        asked = caches.create("xmpp-s2s-caps-questions", 1_000, Duration.ofMinutes(1));
        pending = caches.create("xmpp-s2s-caps-pending", 1_000, Duration.ofMinutes(1));
    }

    /**
     * A presence of a remote resource ({@code from}, full) to one of our users ({@code to}, bare) who is subscribed to
     * its presence: its interests from its {@code <c/>}; the disco#info question it needs, if any, is sent to it.
     */
    void presence(String remote, Jid from, Jid to, String type, XmlElement c, S2sServer server) {
        if (from.isBare() || from.isDomain()) {
            return;
        }
        String bare = from.bare().toString();
        String resource = from.toString();
        String node = c == null ? null : c.attribute("node");
        String ver = c == null ? null : c.attribute("ver");
        String hash = c == null ? null : c.attribute("hash");
        if (type != null || node == null || ver == null || hash == null || node.length() > 1024 || ver.length() > 256) {
            forget(bare, resource);
            return;
        }
        Set<String> known = caps.known(hash, ver);
        if (known != null) {
            keep(bare, resource, known);
            return;
        }
        String question = resource + " " + hash + " " + ver;
        if (pending.peek(question) != null) {
            return; // asked already (the resource sent its presence to several of our users)
        }
        String id = "caps-" + UUID.randomUUID();
        pending.put(question, id);
        asked.put(id, new Asked(resource, hash, ver));
        server.sendSoon(remote, Xml.element("iq", XmppStanzas.SERVER).attr("type", "get").attr("id", id)
                .attr("from", to.bare().toString()).attr("to", resource)
                .child(Xml.element("query", Namespaces.DISCO_INFO).attr("node", node + "#" + ver)).toString());
    }

    /** Whether an IQ result or error answers one of our disco#info questions (then it is taken here). */
    boolean answered(XmlElement iq) {
        String id = iq.attribute("id");
        Asked question = id == null || !id.startsWith("caps-") ? null : asked.peek(id);
        if (question == null || !question.resource().equals(parsed(iq.attribute("from")))) {
            return false;
        }
        asked.forget(id);
        pending.forget(question.resource() + " " + question.hash() + " " + question.ver());
        XmlElement query = "result".equals(iq.attribute("type")) ? iq.child("query", Namespaces.DISCO_INFO) : null;
        if (query != null) {
            keep(Jid.parse(question.resource()).bare().toString(), question.resource(),
                    caps.learn(query, question.hash(), question.ver()));
        }
        return true;
    }

    private static String parsed(String jid) {
        try {
            return Jid.parse(jid).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The full JIDs of a remote user's resources that asked for events of {@code node}. */
    List<String> interested(String bareJid, String node) {
        try {
            return store.interested(bareJid, node);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "s2s: the interests of " + bareJid + " could not be read", e);
            return List.of();
        }
    }

    private void keep(String bare, String resource, Set<String> features) {
        Set<String> nodes = nodes(features);
        LOG.log(Level.FINE, "s2s: {0} asks for the personal events of {1}", new Object[]{resource, nodes});
        try {
            store.keep(bare, resource, nodes);
        } catch (RuntimeException e) {
            // another node kept the same resource at the same moment (its presence went to two of our users)
            LOG.log(Level.FINE, "s2s: the interests of " + resource + " not kept", e);
        }
    }

    private void forget(String bare, String resource) {
        try {
            store.forget(resource);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "s2s: the interests of " + resource + " not forgotten", e);
        }
    }

    /** The nodes a set of features asks for ({@code node+notify}, XEP-0163 section 4.4). */
    static Set<String> nodes(Set<String> features) {
        return features.stream().filter(f -> f.endsWith(NOTIFY) && f.length() > NOTIFY.length())
                .map(f -> f.substring(0, f.length() - NOTIFY.length())).collect(Collectors.toUnmodifiableSet());
    }
}
