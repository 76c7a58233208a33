package org.universalim.presence.entity;

/**
 * The states a device can be in (R3). {@link #READY} devices are available; {@link #BUSY} and
 * {@link #AWAY} devices are connected but less attentive; {@link #DO_NOT_DISTURB} devices are connected
 * and take no messages; {@link #OFFLINE} devices are not connected.
 */
public enum DeviceState {
    READY, BUSY, AWAY, DO_NOT_DISTURB, OFFLINE;

    /** Connected to the ISP, whatever the user's attention. */
    public boolean isOnline() {
        return this != OFFLINE;
    }
}
