package org.universalim.platform.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.monitoring.boundary.CountersView;
import org.universalim.monitoring.boundary.ServerCounters;
import org.universalim.monitoring.boundary.ServerHealthView;

/** The live numbers and the health of this server, for the admin console (the same numbers as {@code /metrics}). */
@Path("admin")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AdminServerResource {

    @EJB
    ServerCounters counters;

    @GET
    @Path("counters")
    @Operation(summary = "Live counters", description = "Connected sessions per protocol, messages routed since start "
            + "(two readings give messages per second), journal backlog, messages awaiting acknowledgement, and the "
            + "federation outbox per peer.")
    @APIResponse(responseCode = "200", description = "The counters", content = @Content(schema = @Schema(ref = "CountersView")))
    public CountersView counters() {
        return counters.counters();
    }

    @GET
    @Path("server")
    @Operation(summary = "Server health", description = "Database, uptime, memory, threads and peers of this node.")
    @APIResponse(responseCode = "200", description = "The server's health",
            content = @Content(schema = @Schema(ref = "ServerHealthView")))
    public ServerHealthView server() {
        return counters.health();
    }
}
