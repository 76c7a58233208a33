package org.universalim.platform.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.boundary.LockView;
import org.universalim.registration.boundary.LoginThrottle;

import java.util.List;

/**
 * Failed log-ins counted by this node's password-guessing throttle, per account and per client address;
 * the administrator lifts a lock (forgets the failures) of one.
 */
@Path("admin/locks")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AdminLocksResource {

    @Inject
    LoginThrottle throttle;

    @GET
    @Operation(summary = "Log-in failures and locks", description = "Accounts and client addresses with failed log-ins "
            + "counted on this node (each node counts its own), locked ones first: failures, the last one, and until "
            + "when attempts are refused (a delay, or a lock when locked is true).")
    @APIResponse(responseCode = "200", description = "The accounts and addresses",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, ref = "LockView")))
    public List<LockView> locks() {
        return throttle.locks();
    }

    @DELETE
    @Path("{kind: account|address}/{key: .+}")
    @Operation(summary = "Lift a lock", description = "Forgets the failed log-ins of an account (kind account, the user "
            + "name) or of a client address (kind address, as listed, e.g. 203.0.113.7 or 2001:db8:1:2:0:0:0:0/64); "
            + "the right password works again at once.")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "No failures are counted for it")
    public void lift(@PathParam("kind") String kind, @PathParam("key") String key) {
        if (!throttle.lift(kind, key)) {
            throw new NotFoundException("no failed log-ins are counted for " + kind + " " + key);
        }
    }
}
