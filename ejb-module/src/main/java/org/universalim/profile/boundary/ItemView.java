package org.universalim.profile.boundary;

/** An item of a node as a reader gets it: its id and its payload (XML). */
public record ItemView(String id, String payload) {
}
