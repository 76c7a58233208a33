package org.universalim.presence.boundary;

import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;

import jakarta.json.bind.annotation.JsonbCreator;

import java.util.List;

/**
 * The read model of a user's presence (R3, R5, R6) that the client protocols and federation serve:
 * the aggregate state and the per-device detail. A device's endpoint is only shown when it is fixed
 * (R3: a fixed address lets applications check the device's status).
 *
 * @param address   the user's address: universal for a universal user
 * @param aggregate the user's presence as one state
 * @param available whether a message would reach a ready device now
 * @param reason    why the user is shown unavailable whatever they last said, for clients to show (e.g.
 *                  {@value #PEER_UNREACHABLE}); null normally
 */
public record UserPresence(String address, boolean universal, DeviceState aggregate, boolean available,
                           String statusText, List<DevicePresence> devices, String reason) {

    /** The user's ISP has not answered for a while: what it last said may no longer hold. */
    public static final String PEER_UNREACHABLE = "peer_unreachable";

    /** The canonical constructor, the one JSON-B uses (the node channel carries presence). */
    @JsonbCreator
    public UserPresence {
        // nothing to check
    }

    public UserPresence(String address, boolean universal, DeviceState aggregate, boolean available, String statusText,
                        List<DevicePresence> devices) {
        this(address, universal, aggregate, available, statusText, devices, null);
    }

    /** A user shown offline with no devices (also to and from a user across a block: nothing gets through). */
    public static UserPresence offline(String address, boolean universal) {
        return new UserPresence(address, universal, DeviceState.OFFLINE, false, null, List.of());
    }

    /**
     * This presence as a user who may not see it live is shown it: every device offline, no status (across a block,
     * the same as when the user is away).
     */
    public UserPresence asOffline() {
        return new UserPresence(address, universal, DeviceState.OFFLINE, false, null, devices.stream()
                .map(d -> new DevicePresence(d.name(), d.type(), DeviceState.OFFLINE, null, d.applications(), d.securityLevel(),
                        d.fixedAddress(), d.endpoint()))
                .toList());
    }

    /** One device as watchers see it. */
    public record DevicePresence(String name, DeviceType type, DeviceState state, String statusText,
                                 List<String> applications, int securityLevel, boolean fixedAddress, String endpoint) {
    }
}
