package org.universalim.platform.account;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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
import org.universalim.platform.security.ClientOrigins;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.PasswordChange;
import org.universalim.registration.boundary.PasswordChangeRequest;

/** The signed-in user changes their own password (a wrong current one counts against the client's address too). */
@Path("me/password")
@Tag(name = "Account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
public class PasswordResource {

    @EJB
    PasswordChange passwords;

    @Inject
    ClientOrigins origins;

    @PUT
    @Operation(summary = "Change my password", description = "The current password is required (a wrong one counts as a "
            + "failed log-in). New SCRAM credentials for every protocol; every session of the user ends (sign in again "
            + "with the new password).")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "oldPassword wrong, or newPassword refused",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "429", description = "Too many wrong passwords (too_many_attempts)",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public void change(@RequestBody(content = @Content(schema = @Schema(ref = "PasswordChangeRequest")))
                       PasswordChangeRequest request, @Context SecurityContext security, @Context HttpServletRequest http) {
        passwords.change(security.getUserPrincipal().getName(), request, LoginDoor.HTTP, origins.of(http).address(), null);
    }
}
