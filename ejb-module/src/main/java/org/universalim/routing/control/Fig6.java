package org.universalim.routing.control;

import java.util.Set;

/**
 * The decision of FIG. 6: where a connection request or a message for an address goes, from the
 * recipient's network extension alone plus what this ISP knows of the recipient.
 *
 * <ul>
 *   <li>another ISP's domain (615, "YES"): hand to the Universal IM server for its peer (620);</li>
 *   <li>this ISP, but no such user, or a universal address of a local-only user: unknown;</li>
 *   <li>this ISP, connected to this node: deliver here (645/650);</li>
 *   <li>this ISP, connected to another node: forward there through the node table (640);</li>
 *   <li>this ISP, not connected anywhere: not available now (647), so store and answer with windows.</li>
 * </ul>
 */
public final class Fig6 {

    /** Where the request goes. */
    public enum Route { FOREIGN, UNKNOWN, LOCAL_HERE, LOCAL_OTHER_NODE, LOCAL_NOT_CONNECTED }

    /**
     * What the ISP knows of the recipient.
     *
     * @param localIsp       the address's domain is this ISP's (local or universal form)
     * @param exists         a subscriber has that user name
     * @param universalForm  the address is in the universal domain
     * @param userUniversal  the subscriber is registered as universal
     * @param nodes          the nodes the recipient's devices are connected to (node table)
     * @param thisNode       this Local IM server node's name
     */
    public record Facts(boolean localIsp, boolean exists, boolean universalForm, boolean userUniversal,
                        Set<String> nodes, String thisNode) {
    }

    /** The route and, for another node, which one. */
    public record Decision(Route route, String node) {
    }

    private Fig6() {
    }

    public static Decision decide(Facts facts) {
        if (!facts.localIsp()) {
            return new Decision(Route.FOREIGN, null);
        }
        if (!facts.exists() || (facts.universalForm() && !facts.userUniversal())) {
            return new Decision(Route.UNKNOWN, null);
        }
        if (facts.nodes().contains(facts.thisNode())) {
            return new Decision(Route.LOCAL_HERE, facts.thisNode());
        }
        if (!facts.nodes().isEmpty()) {
            return new Decision(Route.LOCAL_OTHER_NODE, facts.nodes().stream().sorted().findFirst().orElseThrow());
        }
        return new Decision(Route.LOCAL_NOT_CONNECTED, null);
    }
}
