package org.universalim.registration.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.universalim.platform.NotFoundException;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The signed-in user's own account (HTTP Basic with the user name and password): read, change, upgrade, delete. */
@Path("me")
@Tag(name = "Account")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
public class MeResource {

    @EJB
    LocalRegistrar registrar;

    @EJB
    AccountDeletion deletion;

    @EJB
    ProfileEditor profiles;

    @GET
    @Operation(summary = "My account, with personal attributes")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(ref = "Account")))
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Account account(@Context SecurityContext security) {
        String name = security.getUserPrincipal().getName();
        return registrar.account(name).orElseThrow(() -> new NotFoundException("no user '" + name + "'"));
    }

    @DELETE
    @Operation(summary = "Delete my account with its data",
            description = "Logs off every device of the account, then deletes it with its devices, roster, history, offline "
                    + "messages, subscriptions and block list, in one transaction; contacts (also at other ISPs) drop the "
                    + "user. The name cannot be registered again for account.name.grace.days.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public void delete(@Context SecurityContext security) {
        deletion.delete(security.getUserPrincipal().getName());
    }

    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit my personal attributes", description = "fullName, screenName, email, postalAddress: a field "
            + "left out stays, an empty one is cleared (not the full name). The billing reference is the ISP's.")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(ref = "Account")))
    @APIResponse(responseCode = "400", description = "Refused fields", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Account profile(@RequestBody(content = @Content(schema = @Schema(ref = "ProfileUpdate"))) ProfileUpdate update,
                           @Context SecurityContext security) {
        return profiles.update(security.getUserPrincipal().getName(), update);
    }

    @POST
    @Path("upgrade")
    @Operation(summary = "Become universal (R9)",
            description = "Registers the signed-in local-only user with the Universal IM server too. The account, "
                    + "its contacts and history stay; the user gains the universal address. Idempotent.")
    @APIResponse(responseCode = "200", description = "The account, now universal",
            content = @Content(schema = @Schema(ref = "Account")))
    @APIResponse(responseCode = "401", description = "Not signed in")
    public Account upgrade(@Context SecurityContext security) {
        return registrar.upgrade(security.getUserPrincipal().getName());
    }
}
