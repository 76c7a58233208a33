package org.universalim.clientprotocol.xmpp.profile;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Announced;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;
import org.universalim.clientprotocol.xmpp.handler.PresenceExtension;
import org.universalim.clientprotocol.xmpp.handler.PresenceUpdate;
import org.universalim.clientprotocol.xmpp.handler.ServerRequests;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;

import javax.xml.namespace.QName;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Entity capabilities (XEP-0115) in a client's presence: the {@code <c/>} element is kept and shown with the
 * resource's presence to others (not stripped), and what it stands for is learned: from memory when another client
 * announced the same verified {@code ver} (the cache {@value #CACHE}), else by asking the client (disco#info of
 * {@code node#ver}); an answer that does not hash to {@code ver} is believed for that resource only. Its
 * {@code +notify} features say which personal event nodes the resource is told of (XEP-0163); once they are known
 * after the resource became available, it is sent the last item of each ({@link LastPublished}).
 */
@ApplicationScoped
public class EntityCapsExtension implements PresenceExtension {

    static final String CACHE = "xmpp-caps";

    @Inject
    ServerRequests requests;

    @Inject
    LastPublished last;

    @Inject
    Caches caches;

    @Inject
    Logger log;

    private NamedCache<String, Set<String>> verified;

    @PostConstruct
    void create() {
        verified = caches.create(CACHE, 10_000, Duration.ofDays(1));
    }

    @Override
    public QName element() {
        return new QName(ProfileNamespaces.CAPS, "c");
    }

    @Override
    public void read(XmlElement element, PresenceUpdate update) {
        // nothing of the device's state: what the element announces is kept in announced()
    }

    @Override
    public void announced(XmppSession session, XmlElement c) {
        Announced announced = session.presence().announced();
        String node = c == null ? null : c.attribute("node");
        String ver = c == null ? null : c.attribute("ver");
        String hash = c == null ? null : c.attribute("hash");
        if (node == null || ver == null || hash == null || node.length() > 1024 || ver.length() > 256) {
            // no (current) capabilities: nothing to learn; the resource is told of no node
            announced.forget(ProfileNamespaces.CAPS);
            tellLast(session);
            return;
        }
        announced.keep(ProfileNamespaces.CAPS, Xml.element("c", ProfileNamespaces.CAPS).attr("hash", hash).attr("node", node)
                .attr("ver", ver).toString());
        String key = node + "#" + ver;
        if (key.equals(announced.caps())) {
            return; // known already, or being learned
        }
        announced.caps(key);
        Set<String> known = verified.get(hash + " " + ver, k -> null);
        if (known != null) {
            announced.features(known);
            tellLast(session);
            return;
        }
        requests.ask(session, Xml.element("query", Namespaces.DISCO_INFO).attr("node", key), answer -> learned(session, key, hash, ver, answer));
    }

    private void learned(XmppSession session, String key, String hash, String ver, XmlElement answer) {
        Announced announced = session.presence().announced();
        if (!key.equals(announced.caps())) {
            return; // the resource announced other capabilities since
        }
        XmlElement query = "result".equals(answer.attribute("type")) ? answer.child("query", Namespaces.DISCO_INFO) : null;
        if (query != null) {
            Set<String> features = CapsVerification.features(query);
            if (CapsVerification.verifies(query, hash, ver)) {
                verified.get(hash + " " + ver, k -> features);
            } else {
                log.fine(() -> "xmpp: capabilities " + key + " of " + session.jid() + " do not verify; believed for it only");
            }
            announced.features(features);
        }
        tellLast(session);
    }

    /** The namespace of entity capabilities' {@code <c/>} (XEP-0115). */
    public static final String NAMESPACE = ProfileNamespaces.CAPS;

    /** The features of a verified {@code ver} some entity announced before, else {@code null}. */
    public Set<String> known(String hash, String ver) {
        return verified.peek(hash + " " + ver);
    }

    /**
     * The features of a disco#info answer for {@code ver}; kept for others announcing the same {@code ver} when the
     * answer hashes to it (else believed for the entity that answered only).
     */
    public Set<String> learn(XmlElement query, String hash, String ver) {
        Set<String> features = CapsVerification.features(query);
        if (CapsVerification.verifies(query, hash, ver)) {
            verified.get(hash + " " + ver, k -> features);
        }
        return features;
    }

    /** The first time the resource's interests are settled after it became available: the last items it asked for. */
    private void tellLast(XmppSession session) {
        if (!session.presence().announced().features().isEmpty() && session.presence().announced().firstLastItems()) {
            last.sendTo(session);
        }
    }
}
