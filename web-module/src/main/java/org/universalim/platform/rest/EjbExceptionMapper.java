package org.universalim.platform.rest;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.universalim.platform.Incidents;

import java.util.logging.Logger;

/**
 * A session bean's system exception: two changes of the same thing at once is a 409 the caller may
 * retry; anything else is a 500 with an incident id in the log.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Inject
    Logger log;

    @Override
    public Response toResponse(EJBException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException) {
                return ErrorResponses.of(ErrorBody.of(409, "concurrent_update",
                        "Someone changed this at the same moment: try again"));
            }
        }
        String incident = Incidents.fault(log, "unexpected error in a session bean", e);
        return ErrorResponses.of(ErrorBody.of(500, "internal_error",
                "The server could not handle the request " + Incidents.reference(incident)));
    }
}
