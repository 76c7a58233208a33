package org.universalim.presence.control;

import org.universalim.presence.entity.DeviceState;

import java.time.Instant;

/** One entry of a device's presence history: from {@code at} on, the device was in {@code state}. */
public record StateChange(Instant at, DeviceState state) {
}
