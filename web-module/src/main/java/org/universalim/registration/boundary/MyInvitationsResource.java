package org.universalim.registration.boundary;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Invitations the signed-in user makes, when the ISP lets users invite ({@code registration.invitations.by.users}). */
@Path("me/invitations")
@Tag(name = "Account")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
public class MyInvitationsResource {

    @EJB
    Invitations invitations;

    @GET
    @Operation(summary = "The invitations I made", description = "Tokens are not shown again.")
    @APIResponse(responseCode = "200", description = "The invitations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, ref = "InvitationView")))
    public List<InvitationView> mine(@Context SecurityContext security) {
        return invitations.madeBy(security.getUserPrincipal().getName());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite somebody", description = "A one-time token and its XEP-0401 URI, shown this once. 403 "
            + "unless the ISP lets users invite.")
    @APIResponse(responseCode = "201", description = "The invitation", content = @Content(schema = @Schema(ref = "InvitationView")))
    @APIResponse(responseCode = "403", description = "Only the administrator invites here", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response invite(@RequestBody(content = @Content(schema = @Schema(ref = "InvitationRequest"))) InvitationRequest request,
                           @Context SecurityContext security) {
        return Response.status(201).entity(invitations.createByUser(security.getUserPrincipal().getName(), request)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Withdraw an invitation I made")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    public void withdraw(@PathParam("id") String id, @Context SecurityContext security) {
        invitations.revoke(id, security.getUserPrincipal().getName());
    }
}
