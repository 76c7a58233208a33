package org.universalim.platform;

import jakarta.ejb.ApplicationException;

/**
 * Too many requests of a kind (e.g. registrations from one address): try again in {@link #retryAfterSeconds()};
 * nothing was changed. A {@link ConflictException} with its own code, so that a door that knows only conflicts
 * still answers in its own error shape; the JSON API answers 429 with {@code Retry-After}.
 */
@ApplicationException(rollback = true)
public class TooManyRequestsException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyRequestsException(String code, String message, long retryAfterSeconds) {
        super(code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
