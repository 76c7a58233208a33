package org.universalim.registration.boundary;

/**
 * An account's sessions must end: the account was disabled, deleted, or its password was changed. Observed after
 * the change is committed, so a log-in racing with it sees the new state.
 *
 * @param keepSession the id of the session that made the change and stays (a user changing their own password on
 *                    one device logs off the others); {@code null} to end every session
 */
public record AccountLocked(String userName, String reason, String keepSession) {

    public AccountLocked(String userName, String reason) {
        this(userName, reason, null);
    }
}
