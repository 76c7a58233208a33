package org.universalim.platform;

import jakarta.ejb.ApplicationException;

/** What the request names does not exist (or is not visible to the caller). */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
