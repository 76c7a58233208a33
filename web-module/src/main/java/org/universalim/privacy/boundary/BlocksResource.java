package org.universalim.privacy.boundary;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;

import java.util.List;

/** The signed-in user's block list, the same one every protocol uses. */
@Path("me/blocks")
@Tag(name = "Privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
public class BlocksResource {

    @EJB
    BlockList blocks;

    @GET
    @Operation(summary = "My block list", description = "Users' addresses and whole domains blocked, by address.")
    @APIResponse(responseCode = "200", description = "The list",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, ref = "BlockView")))
    public List<BlockView> list(@Context SecurityContext security) {
        return blocks.list(me(security));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block an address or a domain", description = "Nothing from it reaches me any more: messages "
            + "(answered as if I were offline), presence (both ways), subscription requests, connection requests (answered "
            + "'not available'). Blocking again changes nothing.")
    @APIResponse(responseCode = "201", description = "Blocked", content = @Content(schema = @Schema(ref = "BlockView")))
    @APIResponse(responseCode = "400", description = "Not an address or domain", content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "The list is full (block_list_full)", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response block(@RequestBody(content = @Content(schema = @Schema(ref = "BlockRequest"))) BlockRequest request,
                          @Context SecurityContext security, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidRequestException("address", "an address or a domain is required");
        }
        BlockView view = blocks.block(me(security), request.address());
        return Response.created(uri.getAbsolutePathBuilder().path(view.address()).build()).entity(view).build();
    }

    @DELETE
    @Path("{address: .+}")
    @Operation(summary = "Unblock an address or a domain")
    @APIResponse(responseCode = "204", description = "Unblocked")
    @APIResponse(responseCode = "404", description = "It is not blocked", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public void unblock(@PathParam("address") String address, @Context SecurityContext security) {
        blocks.unblock(me(security), address);
    }

    private static String me(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
