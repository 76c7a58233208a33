package org.universalim.presence.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;

import java.util.List;

/** The signed-in user's availability alerts (R7). */
@Path("me/alerts")
@Tag(name = "Availability")
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertsResource {

    @EJB
    AvailabilityAlerts alerts;

    @Context
    SecurityContext security;

    private String me() {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Operation(summary = "My alerts, newest first")
    @APIResponse(responseCode = "200", description = "The alerts")
    public List<AlertView> alerts() {
        return alerts.alerts(me());
    }

    @POST
    @Operation(summary = "Tell me when a contact becomes available",
            description = "Optionally only between 'from' and 'until' (ISO-8601 with offset). Fires once, then expires.")
    @APIResponse(responseCode = "201", description = "Set", content = @Content(schema = @Schema(ref = "AlertView")))
    @APIResponse(responseCode = "400", description = "Refused fields", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response set(@RequestBody(content = @Content(schema = @Schema(ref = "AlertRequest"))) AlertRequest request,
                        @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidRequestException("contact", "a contact is required");
        }
        AlertView alert = alerts.set(me(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(alert.id())).build()).entity(alert).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of my alerts")
    @APIResponse(responseCode = "200", description = "The alert", content = @Content(schema = @Schema(ref = "AlertView")))
    public AlertView alert(@PathParam("id") long id) {
        return alerts.alert(me(), id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancel one of my alerts")
    @APIResponse(responseCode = "200", description = "The alert, cancelled if it was pending",
            content = @Content(schema = @Schema(ref = "AlertView")))
    public AlertView cancel(@PathParam("id") long id) {
        return alerts.cancel(me(), id);
    }
}
