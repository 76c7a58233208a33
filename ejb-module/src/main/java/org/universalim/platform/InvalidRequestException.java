package org.universalim.platform;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A request with fields that break the rules; nothing was changed. */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError e : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(e.field()).append(": ").append(e.message());
        }
        return text.toString();
    }
}
