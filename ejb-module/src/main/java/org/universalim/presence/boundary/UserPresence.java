package org.universalim.presence.boundary;

import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;

import java.util.List;

/**
 * The read model of a user's presence (R3, R5, R6) that the client protocols and federation serve:
 * the aggregate state and the per-device detail. A device's endpoint is only shown when it is fixed
 * (R3: a fixed address lets applications check the device's status).
 *
 * @param address   the user's address: universal for a universal user
 * @param aggregate the user's presence as one state
 * @param available whether a message would reach a ready device now
 */
public record UserPresence(String address, boolean universal, DeviceState aggregate, boolean available,
                           String statusText, List<DevicePresence> devices) {

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
