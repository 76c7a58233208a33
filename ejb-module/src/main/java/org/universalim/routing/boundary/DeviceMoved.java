package org.universalim.routing.boundary;

import java.util.List;

/** A device logged on at this node while other nodes still hold a session of it: those sessions end. */
public record DeviceMoved(String userName, String device, List<String> nodes) {
}
