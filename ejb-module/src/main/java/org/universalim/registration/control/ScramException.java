package org.universalim.registration.control;

/**
 * A failed SCRAM exchange. {@link #serverError()} is the {@code server-error-value} of RFC 5802
 * section 7 ({@code invalid-proof}, {@code other-error}, ...), safe to send to the client.
 */
public class ScramException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String serverError;

    public ScramException(String serverError, String detail) {
        super(detail);
        this.serverError = serverError;
    }

    public String serverError() {
        return serverError;
    }
}
