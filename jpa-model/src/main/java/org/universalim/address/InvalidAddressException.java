package org.universalim.address;

/**
 * A user name, domain or address that does not follow the rules of {@link UserNames} or {@link UserId}.
 * The message is meant for the person who typed the value.
 */
public class InvalidAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidAddressException(String message) {
        super(message);
    }
}
