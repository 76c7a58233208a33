package org.universalim.presence.boundary;

import org.universalim.presence.entity.DeviceState;

import java.time.Instant;

/**
 * CDI event (R6): a device of a local user logged on, logged off or changed state. Fired inside the
 * change's transaction; {@code aggregateBefore}/{@code aggregateAfter} are the user's presence as one
 * state, so observers can tell "became available" from a change that does not matter to watchers.
 */
public record PresenceChanged(String userName, String device, DeviceState before, DeviceState after,
                              String statusText, DeviceState aggregateBefore, DeviceState aggregateAfter, Instant at) {

    public boolean aggregateChanged() {
        return aggregateBefore != aggregateAfter;
    }
}
