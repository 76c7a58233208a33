package org.universalim.presence.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.rest.QueryParams;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.entity.SecurityLevel;

/** The signed-in user's presence logic rules (R4). */
@Path("me/rules")
@Tag(name = "Devices and rules")
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RulesResource {

    @EJB
    PresenceRules rules;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "My delivery rules", description = "The device order delivery follows and the acknowledgement time.")
    @APIResponse(responseCode = "200", description = "The rules", content = @Content(schema = @Schema(ref = "RulesView")))
    public RulesView rules() {
        return rules.rules(security.getUserPrincipal().getName());
    }

    @PUT
    @Operation(summary = "Set my delivery rules", description = "deviceOrder names registered devices, best first; "
            + "devices left out follow in registration order. ackTimeoutMillis: 500-120000.")
    @APIResponse(responseCode = "200", description = "The rules", content = @Content(schema = @Schema(ref = "RulesView")))
    @APIResponse(responseCode = "400", description = "Unknown or repeated devices, or a bad time",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public RulesView update(@RequestBody(content = @Content(schema = @Schema(ref = "RulesUpdate"))) RulesUpdate update) {
        if (update == null) {
            throw new InvalidRequestException("rules", "rules are required");
        }
        return rules.update(security.getUserPrincipal().getName(), update);
    }

    @GET
    @Path("decision")
    @Operation(summary = "Which of my devices would get a message now",
            description = "Applies my rules (device order, security level, application type) to a message of the given "
                    + "application type and security level.")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(schema = @Schema(ref = "DeliveryDecision")))
    public DeliveryDecision decision(@QueryParam("application") @DefaultValue("text") String application,
                                     @QueryParam("securityLevel") @DefaultValue("0") String securityLevelText) {
        int securityLevel = QueryParams.integer("securityLevel", securityLevelText, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (securityLevel < SecurityLevel.MIN || securityLevel > SecurityLevel.MAX) {
            throw new InvalidRequestException("securityLevel", "a security level is from 0 to 3");
        }
        return rules.decide(security.getUserPrincipal().getName(), new MessageRequirements(application, securityLevel));
    }

    @DELETE
    @Operation(summary = "Back to the default rules (registration order)")
    @APIResponse(responseCode = "200", description = "The rules", content = @Content(schema = @Schema(ref = "RulesView")))
    public RulesView reset() {
        return rules.reset(security.getUserPrincipal().getName());
    }
}
