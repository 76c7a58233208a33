package org.universalim.presence.boundary;

import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;

import java.time.Instant;
import java.util.List;

/** A device as its owner (or an admin) sees it, with its rank in the delivery order (1 = first). */
public record DeviceView(String name, DeviceType type, DeviceState state, String statusText, List<String> links,
                         List<DeviceState> supportedStates, List<String> applications, String endpoint,
                         boolean fixedAddress, int securityLevel, int rank, Instant registeredAt, Instant stateSince) {

    public static DeviceView of(Device d, int rank) {
        return new DeviceView(d.name(), d.type(), d.state(), d.statusText(), List.copyOf(d.links()),
                d.supportedStates().stream().sorted().toList(), List.copyOf(d.applications()), d.endpoint(),
                d.fixedAddress(), d.securityLevel(), rank, d.registeredAt(), d.stateSince());
    }
}
