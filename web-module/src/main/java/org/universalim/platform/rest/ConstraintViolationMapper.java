package org.universalim.platform.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.universalim.platform.FieldError;

import java.util.Comparator;
import java.util.List;

/** Bean Validation on resource parameters: 400 with the field errors. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(ConstraintViolationMapper::toFieldError)
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ErrorResponses.of(new ErrorBody(400, "validation_failed", "Some fields are not acceptable", errors));
    }

    private static FieldError toFieldError(ConstraintViolation<?> v) {
        // a path like "register.arg0.userName": keep the property name only
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return new FieldError(dot < 0 ? path : path.substring(dot + 1), v.getMessage());
    }
}
