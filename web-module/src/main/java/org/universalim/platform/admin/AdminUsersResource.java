package org.universalim.platform.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.platform.rest.QueryParams;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceView;
import org.universalim.presence.boundary.HistoryEntry;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesView;
import org.universalim.presence.boundary.UserPresence;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.AccountAdministration;
import org.universalim.registration.boundary.AccountDeletion;
import org.universalim.registration.boundary.RegistrationRequest;
import org.universalim.registration.boundary.PasswordReset;
import org.universalim.registration.boundary.UserPage;
import org.universalim.registration.boundary.UserSummary;
import org.universalim.registration.boundary.LocalRegistrar;

import java.util.List;

/**
 * ISP staff find users, read any user's account, devices, presence, rules and availability, disable and
 * enable accounts, set new passwords, and import presence history.
 */
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

    @EJB
    AccountAdministration administration;

    @EJB
    DeviceRegistry devices;

    @EJB
    AccountDeletion deletion;

    @GET
    @Operation(summary = "Find users", description = "Users whose user name, full name, screen name or e-mail contains "
            + "q (any case), by user name; without q, everybody. At most 100 per page.")
    @APIResponse(responseCode = "200", description = "A page of users", content = @Content(schema = @Schema(ref = "UserPage")))
    public UserPage search(@QueryParam("q") String query, @QueryParam("offset") @DefaultValue("0") String offset,
                           @QueryParam("limit") @DefaultValue("25") String limit) {
        return administration.search(query, QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                QueryParams.integer("limit", limit, 25, 0, Integer.MAX_VALUE));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account", description = "Registers a user as POST /api/v1/registrations does, "
            + "whatever the registration policy (the way in when it is closed) and its limits.")
    @APIResponse(responseCode = "201", description = "The account", content = @Content(schema = @Schema(ref = "Account")))
    @APIResponse(responseCode = "400", description = "Refused fields", content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "The name is taken", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response create(@RequestBody(content = @Content(schema = @Schema(ref = "RegistrationRequest"))) RegistrationRequest request) {
        if (request == null) {
            throw new InvalidRequestException("request", "a registration request is required");
        }
        return Response.status(201).entity(administration.create(request)).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an account with its data", description = "As the user deleting their own account: "
            + "logged off everywhere first, then the account, its devices, roster, history, offline messages, "
            + "subscriptions and block list go in one transaction; contacts (also at other ISPs) drop the user; the name "
            + "cannot be registered again for account.name.grace.days.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public void delete(@PathParam("name") String name) {
        deletion.delete(account(name).userName());
    }

    @GET
    @Path("{name}/summary")
    @Operation(summary = "A user as the user list shows them")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(ref = "UserSummary")))
    public UserSummary summary(@PathParam("name") String name) {
        return administration.summary(name);
    }

    @GET
    @Path("{name}/devices")
    @Operation(summary = "A user's devices, in delivery order")
    @APIResponse(responseCode = "200", description = "The devices",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, ref = "DeviceView")))
    public List<DeviceView> devices(@PathParam("name") String name) {
        String user = account(name).userName();
        List<String> order = rules.rules(user).deviceOrder();
        return devices.devices(user).stream().map(d -> DeviceView.of(d, order.indexOf(d.name()) + 1))
                .sorted((a, b) -> Integer.compare(a.rank(), b.rank())).toList();
    }

    @POST
    @Path("{name}/disable")
    @Operation(summary = "Disable an account", description = "The user can no longer log in on any protocol or the API "
            + "and is logged off everywhere at once.")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(ref = "UserSummary")))
    public UserSummary disable(@PathParam("name") String name) {
        return administration.disable(name);
    }

    @POST
    @Path("{name}/enable")
    @Operation(summary = "Enable a disabled account")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(ref = "UserSummary")))
    public UserSummary enable(@PathParam("name") String name) {
        return administration.enable(name);
    }

    @POST
    @Path("{name}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password", description = "New SCRAM credentials for every protocol; the user's "
            + "open sessions end.")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(ref = "UserSummary")))
    @APIResponse(responseCode = "400", description = "Refused password", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public UserSummary resetPassword(@PathParam("name") String name,
                                     @RequestBody(content = @Content(schema = @Schema(ref = "PasswordReset"))) PasswordReset reset) {
        return administration.resetPassword(name, reset);
    }

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
