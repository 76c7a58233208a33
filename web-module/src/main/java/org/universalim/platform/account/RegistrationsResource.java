package org.universalim.platform.account;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.security.ClientOrigins;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.RegistrationDesk;
import org.universalim.registration.boundary.RegistrationPolicy;

/**
 * FIG. 5 over HTTP: a client asks its ISP for a new USERID, as the ISP's registration policy allows. In the door's own
 * package: the registration limits count the client's address, which {@link ClientOrigins} tells.
 */
@Path("registrations")
@Tag(name = "Registration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationsResource {

    @EJB
    RegistrationDesk desk;

    @Inject
    RegistrationPolicy policy;

    @Inject
    ClientOrigins origins;

    @POST
    @Operation(summary = "Register a new user",
            description = "Registers with the Local IM server and, when 'universal' is true, with the Universal IM "
                    + "server too. User names are case-folded; 2-32 characters from a-z 0-9 . _ -, starting with "
                    + "a letter. Under the registration policy 'invite', 'invitation' carries a one-time invitation "
                    + "token; under 'closed' only the administrator creates accounts. Registrations are limited per "
                    + "client address and in all (registration.limit.*).")
    @APIResponse(responseCode = "201", description = "Registered; Location names the public profile",
            content = @Content(schema = @Schema(ref = "Account")))
    @APIResponse(responseCode = "400", description = "Refused fields, one entry each",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "403", description = "registration_closed, invitation_required or invitation_invalid",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "The name is taken (error code name_taken)",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "429", description = "Too many registrations (too_many_registrations); Retry-After says when",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response register(@RequestBody(content = @Content(schema = @Schema(ref = "RegistrationForm")))
                             RegistrationForm form, @Context UriInfo uri, @Context HttpServletRequest http) {
        if (form == null) {
            throw new InvalidRequestException("request", "a registration request is required");
        }
        Account account = desk.register(form.request(), form.invitation(), origins.of(http).address());
        return Response.created(uri.getBaseUriBuilder().path("users").path(account.userName()).build())
                .entity(account).build();
    }

    @GET
    @Path("policy")
    @Operation(summary = "Who may register here", description = "policy: open (anybody), invite (with an invitation) or "
            + "closed (the administrator creates accounts); invitationsByUsers: whether users may invite.")
    @APIResponse(responseCode = "200", description = "The policy")
    public RegistrationPolicy.View policy() {
        return policy.view();
    }
}
