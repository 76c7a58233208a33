package org.universalim.presence.control;

import org.universalim.presence.entity.DeviceState;

import java.util.Collection;
import java.util.List;

/**
 * A user's presence as one state, from the states of all their devices: available ({@code READY}) if any
 * device is ready; otherwise the most reachable of busy, do-not-disturb and away; offline when no device
 * is connected.
 */
public final class AggregatePresence {

    /** From most to least present. */
    static final List<DeviceState> RANKING = List.of(DeviceState.READY, DeviceState.BUSY,
            DeviceState.DO_NOT_DISTURB, DeviceState.AWAY, DeviceState.OFFLINE);

    private AggregatePresence() {
    }

    public static DeviceState of(Collection<DeviceState> deviceStates) {
        DeviceState best = DeviceState.OFFLINE;
        for (DeviceState s : deviceStates) {
            if (RANKING.indexOf(s) < RANKING.indexOf(best)) {
                best = s;
            }
        }
        return best;
    }

    /** Whether a user in that aggregate state can get a message now. */
    public static boolean isAvailable(DeviceState aggregate) {
        return aggregate == DeviceState.READY;
    }
}
