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

/** The signed-in user's own presence, as watchers see it. */
@Path("me/presence")
@Tag(name = "Devices and rules")
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class MyPresenceResource {

    @EJB
    PresenceDirectory directory;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "My presence as my contacts see it", description = "Aggregate state and per-device detail.")
    @APIResponse(responseCode = "200", description = "The presence", content = @Content(schema = @Schema(ref = "UserPresence")))
    public UserPresence presence() {
        return directory.presence(security.getUserPrincipal().getName());
    }
}
