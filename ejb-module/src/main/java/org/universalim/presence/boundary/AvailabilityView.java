package org.universalim.presence.boundary;

import org.universalim.presence.control.WindowSpan;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;

import java.util.List;

/**
 * When a user is usually reachable, per device (R7): the answer to a connection request for a user who
 * is not available carries these windows and devices.
 *
 * @param timeZone  the zone the windows' hours are in (the user's)
 * @param weeks     how many past weeks were examined
 * @param threshold the share of those weeks a slot had to be reachable in
 */
public record AvailabilityView(String address, String timeZone, int weeks, double threshold, DeviceState aggregate,
                               List<DeviceWindows> devices) {

    /** One device's usual windows. */
    public record DeviceWindows(String device, DeviceType type, List<WindowSpan> windows) {
    }
}
