package org.universalim.platform.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.registration.boundary.InvitationRequest;
import org.universalim.registration.boundary.InvitationView;
import org.universalim.registration.boundary.Invitations;

import java.util.List;

/** One-time invitations to register (registration policy {@code invite}): made, listed and withdrawn by the ISP. */
@Path("admin/invitations")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AdminInvitationsResource {

    @EJB
    Invitations invitations;

    @GET
    @Operation(summary = "Invitations", description = "Every invitation, newest first (at most 500): open, used (by whom) "
            + "or expired. Tokens are not shown again.")
    @APIResponse(responseCode = "200", description = "The invitations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, ref = "InvitationView")))
    public List<InvitationView> all() {
        return invitations.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an invitation", description = "A one-time token and its XEP-0401 URI "
            + "(xmpp:<universal domain>?register;preauth=<token>), shown this once; validDays defaults to "
            + "registration.invitation.days.")
    @APIResponse(responseCode = "201", description = "The invitation", content = @Content(schema = @Schema(ref = "InvitationView")))
    public Response create(@RequestBody(content = @Content(schema = @Schema(ref = "InvitationRequest"))) InvitationRequest request) {
        return Response.status(201).entity(invitations.createByAdministrator(request)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Withdraw an invitation")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such invitation", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public void revoke(@PathParam("id") String id) {
        invitations.revoke(id, null);
    }
}
