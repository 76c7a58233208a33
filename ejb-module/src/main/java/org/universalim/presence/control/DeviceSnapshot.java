package org.universalim.presence.control;

import org.universalim.presence.entity.DeviceState;

import java.util.Set;

/** What the delivery rules need to know of a device at one moment. */
public record DeviceSnapshot(String name, DeviceState state, Set<String> applications, int securityLevel) {

    public DeviceSnapshot {
        applications = Set.copyOf(applications);
    }

    boolean supports(String application) {
        return applications.contains(application);
    }
}
