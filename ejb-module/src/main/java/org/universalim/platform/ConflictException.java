package org.universalim.platform;

import jakarta.ejb.ApplicationException;

/** The request clashes with what exists (a taken name, a duplicate entry); nothing was changed. */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
