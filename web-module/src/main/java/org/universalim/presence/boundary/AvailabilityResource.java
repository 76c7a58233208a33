package org.universalim.presence.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's own availability windows (R7). */
@Path("me/availability")
@Tag(name = "Availability")
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    @EJB
    AvailabilityIndicator indicator;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "My availability windows", description = "Per device, the weekly windows in which it is usually "
            + "reachable, from the last weeks of presence history, in my time zone.")
    @APIResponse(responseCode = "200", description = "The windows", content = @Content(schema = @Schema(ref = "AvailabilityView")))
    public AvailabilityView availability() {
        return indicator.availability(security.getUserPrincipal().getName());
    }
}
