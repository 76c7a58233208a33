package org.universalim.roster.boundary;

/** CDI event: a roster entry of a local user was added, changed or removed (pushed to the user's clients). */
public record RosterChanged(String owner, RosterEntry entry, boolean removed) {
}
