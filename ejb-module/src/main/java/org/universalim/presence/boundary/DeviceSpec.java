package org.universalim.presence.boundary;

import java.util.List;

/**
 * A device as a user describes it (R3). Everything but the name may be left out: type {@code PC}, no
 * links, every state supported, application {@code text}, no endpoint, not fixed, security level 0.
 *
 * @param type            PC, PDA, CELL_PHONE, PAGER or APPLICATION (any case)
 * @param links           connection options, e.g. "broadband", "GPRS", "SMS gateway"
 * @param supportedStates READY, BUSY, AWAY, DO_NOT_DISTURB, OFFLINE (OFFLINE is always supported)
 * @param applications    application identifiers, e.g. text, file, voice, status-probe
 * @param endpoint        the device's IP address or endpoint
 * @param fixedAddress    whether the endpoint is fixed (applications may probe a fixed-address device)
 * @param securityLevel   0 public ... 3 confidential
 */
public record DeviceSpec(String name, String type, List<String> links, List<String> supportedStates,
                         List<String> applications, String endpoint, Boolean fixedAddress, Integer securityLevel) {

    public static DeviceSpec named(String name, String type) {
        return new DeviceSpec(name, type, null, null, null, null, null, null);
    }
}
