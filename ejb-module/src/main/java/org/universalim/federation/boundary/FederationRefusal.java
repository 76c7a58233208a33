package org.universalim.federation.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A peer's request we refuse and roll back: {@code forbidden} (it spoke for a domain not its own: 403 /
 * SOAP Client fault) or {@code invalid} (it names something that is not ours: 400).
 */
@ApplicationException(rollback = true)
public class FederationRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    private FederationRefusal(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public static FederationRefusal forbidden(String message) {
        return new FederationRefusal("forbidden", 403, message);
    }

    public static FederationRefusal invalid(String message) {
        return new FederationRefusal("invalid", 400, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
