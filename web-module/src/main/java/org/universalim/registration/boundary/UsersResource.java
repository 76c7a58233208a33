package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.NotFoundException;

/** Public profiles: what anyone may look up about a user of this ISP. */
@Path("users")
@Tag(name = "Registration")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    LocalRegistrar registrar;

    @GET
    @Path("{name}")
    @Operation(summary = "A user's public profile", description = "Screen name and addresses; the name is matched "
            + "case-insensitively.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(ref = "PublicProfile")))
    @APIResponse(responseCode = "404", description = "No such user",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public PublicProfile profile(@PathParam("name") String name) {
        return registrar.publicProfile(name).orElseThrow(() -> new NotFoundException("no user '" + name + "'"));
    }
}
