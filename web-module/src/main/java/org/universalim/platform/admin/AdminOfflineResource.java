package org.universalim.platform.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.routing.boundary.OfflinePurge;
import org.universalim.routing.entity.ImMessage;

/** A user's offline box as the ISP sees it (senders and times, not the text) and empties it. */
@Path("admin/users/{name}/offline")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AdminOfflineResource {

    static final int LIST_MAX = 500;

    @Inject
    OfflinePurge offline;

    @GET
    @Operation(summary = "A user's offline box", description = "The messages waiting for the user's next log-on (at most "
            + "500 listed, oldest first): id, sender, time, application. Not the text.")
    @APIResponse(responseCode = "200", description = "The messages waiting")
    public JsonObject waiting(@PathParam("name") String name) {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        var waiting = offline.waiting(name, LIST_MAX);
        for (ImMessage m : waiting) {
            messages.add(Json.createObjectBuilder().add("messageId", m.id()).add("from", m.sender().toString())
                    .add("sentAt", m.sentAt().toString()).add("application", m.application()));
        }
        return Json.createObjectBuilder().add("user", name).add("waiting", waiting.size()).add("messages", messages).build();
    }

    @DELETE
    @Operation(summary = "Purge a user's offline box", description = "Every message waiting for the user fails; each "
            + "sender gets a failed receipt with the reason 'purged' (through their ISP for users of other ISPs).")
    @APIResponse(responseCode = "200", description = "How many messages were purged")
    public JsonObject purge(@PathParam("name") String name) {
        return Json.createObjectBuilder().add("purged", offline.purge(name)).build();
    }
}
