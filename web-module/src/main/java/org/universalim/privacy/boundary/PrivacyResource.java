package org.universalim.privacy.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;

/** What the signed-in user accepts from strangers (senders not on their roster). */
@Path("me/privacy")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
public class PrivacyResource {

    @EJB
    StrangerPolicies policies;

    @GET
    @Operation(summary = "My privacy choices", description = "strangers: what applies now; chosen: my own choice (null: "
            + "the ISP's default); ispDefault.")
    @APIResponse(responseCode = "200", description = "The choices", content = @Content(schema = @Schema(ref = "PrivacyView")))
    public PrivacyView view(@Context SecurityContext security) {
        return policies.view(security.getUserPrincipal().getName());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose what I accept from strangers", description = "allow; no_offline (delivered only to a "
            + "device that takes it now, never stored for later); refuse (the sender is told); default (the ISP's).")
    @APIResponse(responseCode = "200", description = "The choices", content = @Content(schema = @Schema(ref = "PrivacyView")))
    @APIResponse(responseCode = "400", description = "Not a choice", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public PrivacyView choose(@RequestBody(content = @Content(schema = @Schema(ref = "PrivacyUpdate"))) PrivacyUpdate update,
                              @Context SecurityContext security) {
        if (update == null) {
            throw new InvalidRequestException("strangers", "\"strangers\" is allow, no_offline, refuse or default");
        }
        return policies.choose(security.getUserPrincipal().getName(), update.strangers());
    }
}
