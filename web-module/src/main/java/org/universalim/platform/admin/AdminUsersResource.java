package org.universalim.platform.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.HistoryEntry;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.LocalRegistrar;

import java.util.List;

/** ISP staff read any user's account, presence, rules and availability, and import presence history. */
@Path("admin/users")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    @EJB
    LocalRegistrar registrar;

    @EJB
    PresenceDirectory directory;

    @EJB
    PresenceRules rules;

    @EJB
    AvailabilityIndicator indicator;

    @GET
    @Path("{name}")
    @Operation(summary = "A user's account")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(schema = @Schema(ref = "Account")))
    public Account account(@PathParam("name") String name) {
        return registrar.account(name).orElseThrow(() -> new NotFoundException("no user '" + name + "'"));
    }

    @GET
    @Path("{name}/presence")
    @Operation(summary = "A user's presence and devices")
    @APIResponse(responseCode = "200", description = "The presence", content = @Content(schema = @Schema(ref = "UserPresence")))
    public UserPresence presence(@PathParam("name") String name) {
        return directory.presence(name);
    }

    @GET
    @Path("{name}/rules")
    @Operation(summary = "A user's delivery rules")
    @APIResponse(responseCode = "200", description = "The rules", content = @Content(schema = @Schema(ref = "RulesView")))
    public RulesView rules(@PathParam("name") String name) {
        account(name);
        return rules.rules(registrar.find(name).orElseThrow().userName());
    }

    @GET
    @Path("{name}/availability")
    @Operation(summary = "A user's availability windows")
    @APIResponse(responseCode = "200", description = "The windows", content = @Content(schema = @Schema(ref = "AvailabilityView")))
    public AvailabilityView availability(@PathParam("name") String name) {
        return indicator.availability(name);
    }

    @POST
    @Path("{name}/presence-history")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import presence history", description = "Lines of past presence for the user's registered "
            + "devices (device, state, at), e.g. from the ISP's previous system; at most 10,000 per call.")
    @APIResponse(responseCode = "200", description = "How many lines were stored")
    public JsonObject importHistory(@PathParam("name") String name, List<HistoryEntry> entries) {
        int stored = indicator.importHistory(name, entries);
        return Json.createObjectBuilder().add("imported", stored).build();
    }
}
