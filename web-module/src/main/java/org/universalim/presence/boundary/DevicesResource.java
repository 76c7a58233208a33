package org.universalim.presence.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.entity.DeviceState;

import java.util.List;
import java.util.Locale;

/** The signed-in user's Internet devices (R3). */
@Path("me/devices")
@Tag(name = "Devices and rules")
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DevicesResource {

    @EJB
    DeviceRegistry registry;

    @EJB
    PresenceRules rules;

    @Context
    SecurityContext security;

    private String me() {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Operation(summary = "My devices, in delivery order")
    @APIResponse(responseCode = "200", description = "The devices",
            content = @Content(schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, ref = "DeviceView")))
    public List<DeviceView> devices() {
        return views(me());
    }

    @POST
    @Operation(summary = "Register a device", description = "Type, links, supported states, applications, endpoint, "
            + "fixed address and security level (0-3); only the name is required.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(ref = "DeviceView")))
    @APIResponse(responseCode = "400", description = "Refused fields", content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "A device of that name exists (device_exists)",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response register(@RequestBody(content = @Content(schema = @Schema(ref = "DeviceSpec"))) DeviceSpec spec,
                             @Context UriInfo uri) {
        if (spec == null) {
            throw new InvalidRequestException("device", "a device description is required");
        }
        String name = registry.register(me(), spec).name();
        return Response.created(uri.getAbsolutePathBuilder().path(name).build()).entity(view(me(), name)).build();
    }

    @GET
    @Path("{device}")
    @Operation(summary = "One of my devices")
    @APIResponse(responseCode = "200", description = "The device", content = @Content(schema = @Schema(ref = "DeviceView")))
    @APIResponse(responseCode = "404", description = "No such device", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public DeviceView device(@PathParam("device") String device) {
        registry.device(me(), device);
        return view(me(), device);
    }

    @PUT
    @Path("{device}")
    @Operation(summary = "Describe a device again", description = "Replaces type, links, states, applications, endpoint, "
            + "fixed address and security level; the name and current state stay.")
    @APIResponse(responseCode = "200", description = "The device", content = @Content(schema = @Schema(ref = "DeviceView")))
    public DeviceView update(@PathParam("device") String device,
                             @RequestBody(content = @Content(schema = @Schema(ref = "DeviceSpec"))) DeviceSpec spec) {
        if (spec == null) {
            throw new InvalidRequestException("device", "a device description is required");
        }
        registry.update(me(), device, spec);
        return view(me(), device);
    }

    @DELETE
    @Path("{device}")
    @Operation(summary = "Remove a device")
    @APIResponse(responseCode = "204", description = "Removed")
    public void remove(@PathParam("device") String device) {
        registry.remove(me(), device);
    }

    @PUT
    @Path("{device}/state")
    @Operation(summary = "Set a device's state", description = "READY, BUSY, AWAY, DO_NOT_DISTURB or OFFLINE, with an "
            + "optional status text. Recorded in the presence history.")
    @APIResponse(responseCode = "200", description = "The device", content = @Content(schema = @Schema(ref = "DeviceView")))
    public DeviceView state(@PathParam("device") String device,
                            @RequestBody(content = @Content(schema = @Schema(ref = "StateUpdate"))) StateUpdate update) {
        if (update == null || update.state() == null) {
            throw new InvalidRequestException("state", "a state is required");
        }
        DeviceState state;
        try {
            state = DeviceState.valueOf(update.state().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state", "a state is READY, BUSY, AWAY, DO_NOT_DISTURB or OFFLINE");
        }
        String status = update.statusText() == null || update.statusText().isBlank() ? null : update.statusText().strip();
        if (status != null && status.length() > 200) {
            throw new InvalidRequestException("statusText", "a status text has at most 200 characters");
        }
        registry.setState(me(), device, state, status);
        return view(me(), device);
    }

    private List<DeviceView> views(String user) {
        List<String> order = rules.rules(user).deviceOrder();
        return registry.devices(user).stream()
                .map(d -> DeviceView.of(d, order.indexOf(d.name()) + 1))
                .sorted((a, b) -> Integer.compare(a.rank(), b.rank()))
                .toList();
    }

    private DeviceView view(String user, String device) {
        String name = device.strip();
        return views(user).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
