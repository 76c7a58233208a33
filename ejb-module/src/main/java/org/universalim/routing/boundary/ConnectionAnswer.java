package org.universalim.routing.boundary;

import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.UserPresence;

/**
 * The answer to a connection request (FIG. 6, R8): {@code established} with the recipient's routing and
 * presence information, {@code not_available} with the reason and the recipient's availability windows
 * and devices (R7), or {@code failed} with an error code (unknown recipient, not authorized, remote ISP
 * unreachable).
 *
 * @param route the node (this ISP) or ISP domain the recipient is reached through, and the device that
 *              would get a message now
 */
public record ConnectionAnswer(String contact, String status, Route route, UserPresence presence,
                               String reason, String explanation, AvailabilityView availability, String code) {

    public static final String ESTABLISHED = "established";
    public static final String NOT_AVAILABLE = "not_available";
    public static final String FAILED = "failed";

    /** How the recipient is reached. */
    public record Route(String isp, String node, String device) {
    }

    public static ConnectionAnswer established(String contact, Route route, UserPresence presence) {
        return new ConnectionAnswer(contact, ESTABLISHED, route, presence, null, null, null, null);
    }

    public static ConnectionAnswer notAvailable(String contact, Route route, UserPresence presence, String reason,
                                                String explanation, AvailabilityView availability) {
        return new ConnectionAnswer(contact, NOT_AVAILABLE, route, presence, reason, explanation, availability, null);
    }

    public static ConnectionAnswer failed(String contact, String code, String explanation) {
        return new ConnectionAnswer(contact, FAILED, null, null, null, explanation, null, code);
    }
}
