package org.universalim.registration.boundary;

/** A user's new password, with the current one to prove it is them. */
public record PasswordChangeRequest(String oldPassword, String newPassword) {

    @Override
    public String toString() {
        // never print a password
        return "PasswordChangeRequest[***]";
    }
}
