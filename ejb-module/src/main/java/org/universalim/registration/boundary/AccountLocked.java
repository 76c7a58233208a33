package org.universalim.registration.boundary;

/**
 * An account's sessions must end: the account was disabled or its password was reset. Observed after
 * the change is committed, so a log-in racing with it sees the new state.
 */
public record AccountLocked(String userName, String reason) {
}
