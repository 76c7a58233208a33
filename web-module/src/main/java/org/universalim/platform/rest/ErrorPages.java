package org.universalim.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.platform.FieldError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an {@link ErrorBody} as JSON where no JAX-RS runtime is there to do it (filters, the error page). */
public final class ErrorPages {

    /**
     * The request attribute under which a refusal made before any servlet ran (the sign-in mechanism) leaves its
     * {@link ErrorBody} for the error page, which would otherwise write the status's generic one.
     */
    public static final String REFUSAL = ErrorPages.class.getName() + ".refusal";

    private ErrorPages() {
    }

    public static void write(HttpServletResponse response, ErrorBody error) throws IOException {
        JsonArrayBuilder fields = Json.createArrayBuilder();
        for (FieldError f : error.fieldErrors()) {
            fields.add(Json.createObjectBuilder().add("field", f.field()).add("message", f.message()));
        }
        byte[] body = Json.createObjectBuilder().add("error", error.error()).add("fieldErrors", fields)
                .add("message", error.message()).add("status", error.status()).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
