package org.universalim.platform;

import jakarta.ejb.ApplicationException;

/**
 * The caller may not do this (e.g. register while the ISP registers by invitation only); nothing was changed.
 * A {@link ConflictException} with its own code, so that a door that knows only conflicts still answers in its
 * own error shape; the JSON API answers 403.
 */
@ApplicationException(rollback = true)
public class ForbiddenException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String code, String message) {
        super(code, message);
    }
}
