package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
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

/** FIG. 5 over HTTP: a client asks its ISP for a new USERID. */
@Path("registrations")
@Tag(name = "Registration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationsResource {

    @EJB
    LocalRegistrar registrar;

    @POST
    @Operation(summary = "Register a new user",
            description = "Registers with the Local IM server and, when 'universal' is true, with the Universal IM "
                    + "server too. User names are case-folded; 2-32 characters from a-z 0-9 . _ -, starting with "
                    + "a letter.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the public profile",
            content = @Content(schema = @Schema(ref = "Account")))
    @APIResponse(responseCode = "400", description = "Refused fields, one entry each",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "The name is taken (error code name_taken)",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response register(@RequestBody(content = @Content(schema = @Schema(ref = "RegistrationRequest")))
                             RegistrationRequest request, @Context UriInfo uri) {
        Account account = registrar.register(request);
        return Response.created(uri.getBaseUriBuilder().path("users").path(account.userName()).build())
                .entity(account).build();
    }
}
