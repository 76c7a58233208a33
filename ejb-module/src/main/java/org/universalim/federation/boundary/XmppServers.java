package org.universalim.federation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.federation.control.PeerFailure;

import java.util.List;

/**
 * The XMPP network beyond the Universal IM peers (docs/xmpp-tcp.md, server-to-server): a domain that is no configured
 * peer is reached over s2s when the s2s listener of the web module runs and the domain is not blocked. The web module
 * attaches its s2s side here when it starts (the EJB module cannot see the web module's beans) and detaches it when
 * it stops; until then no domain is reached this way.
 */
@ApplicationScoped
public class XmppServers {

    /** What the web module's s2s side does for the federation. */
    public interface Network {

        /** Whether stanzas for {@code domain} may go over s2s (s2s on, not one of ours, not blocked). */
        boolean reaches(String domain);

        /**
         * Sends stanzas ({@code jabber:server} elements, serialized) to {@code domain} in order, waiting a bounded time
         * for a connection to be set up and for them to be written.
         *
         * @throws PeerFailure not sent: permanent when the domain has no server ({@code remote-server-not-found}),
         *                     otherwise to be tried again ({@code remote-server-timeout})
         */
        void send(String domain, List<String> stanzas) throws PeerFailure;

        /**
         * The full JIDs of a remote user ({@code bareJid}) whose entity capabilities (XEP-0115), learned from the
         * presence they sent us over s2s, ask for events of {@code node} ({@code node+notify}, XEP-0163 section 4.4).
         */
        default List<String> interested(String bareJid, String node) {
            return List.of();
        }
    }

    private volatile Network network;

    public void attach(Network s2s) {
        network = s2s;
    }

    public void detach(Network s2s) {
        if (network == s2s) {
            network = null;
        }
    }

    public boolean reaches(String domain) {
        Network n = network;
        return n != null && n.reaches(domain);
    }

    /** The resources of a remote user that asked for events of a node ({@link Network#interested}); none while s2s is off. */
    public List<String> interested(String bareJid, String node) {
        Network n = network;
        return n == null ? List.of() : n.interested(bareJid, node);
    }

    public void send(String domain, List<String> stanzas) throws PeerFailure {
        Network n = network;
        if (n == null) {
            throw new PeerFailure(false, "remote_unreachable", "server-to-server XMPP is not running");
        }
        n.send(domain, stanzas);
    }
}
