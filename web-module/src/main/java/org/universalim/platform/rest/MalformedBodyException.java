package org.universalim.platform.rest;

/** A request body that is not the JSON we read; the message is in our words, the detail is for the log. */
public class MalformedBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String detail;

    public MalformedBodyException(String message, String detail) {
        super(message, null, false, false);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }
}
