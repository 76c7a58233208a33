package org.universalim.registration.boundary;

/** A new password an administrator sets for a user (8 to 128 characters). */
public record PasswordReset(String password) {

    @Override
    public String toString() {
        // never print the password
        return "PasswordReset[***]";
    }
}
