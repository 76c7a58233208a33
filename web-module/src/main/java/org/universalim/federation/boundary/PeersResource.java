package org.universalim.federation.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;

import java.time.Instant;
import java.util.List;

/** The peer ISPs (R11): added, changed, tested and removed by the administrator, effective at once. */
@Path("admin/peers")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PeersResource {

    @EJB
    PeerDirectory peers;

    @Inject
    FederationClient client;

    @EJB
    OutboxAdministration outboxes;

    /** The answer of a connection test. */
    public record PeerTest(String domain, boolean reachable, String peerDomain, String peerUniversalDomain, String node,
                           Instant peerTime, String weAre, long millis, String error) {
    }

    @GET
    @Operation(summary = "The peers, with reachability, last error and outbox depth")
    @APIResponse(responseCode = "200", description = "The peers")
    public List<PeerView> peers() {
        return peers.peers();
    }

    @POST
    @Operation(summary = "Add a peer", description = "domain, universalDomain (derived when absent), baseUrl "
            + "(https://host:port of its federation endpoint), baseUrls (optional: every endpoint of a peer served by several "
            + "nodes, called in turn and past one that cannot be reached), transport (REST or SOAP), certificateSha256 (optional pin), "
            + "enabled, announceAll. No restart needed.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(ref = "PeerView")))
    @APIResponse(responseCode = "400", description = "Refused fields", content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "Already a peer", content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Response add(@RequestBody(content = @Content(schema = @Schema(ref = "PeerRequest"))) PeerRequest request,
                        @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidRequestException("peer", "a peer description is required");
        }
        PeerView added = peers.add(request);
        return Response.created(uri.getAbsolutePathBuilder().path(added.domain()).build()).entity(added).build();
    }

    @GET
    @Path("{domain}")
    @Operation(summary = "One peer")
    @APIResponse(responseCode = "200", description = "The peer", content = @Content(schema = @Schema(ref = "PeerView")))
    public PeerView peer(@PathParam("domain") String domain) {
        return peers.peer(domain);
    }

    @PUT
    @Path("{domain}")
    @Operation(summary = "Change a peer")
    @APIResponse(responseCode = "200", description = "The peer", content = @Content(schema = @Schema(ref = "PeerView")))
    public PeerView update(@PathParam("domain") String domain,
                           @RequestBody(content = @Content(schema = @Schema(ref = "PeerRequest"))) PeerRequest request) {
        if (request == null) {
            throw new InvalidRequestException("peer", "a peer description is required");
        }
        return peers.update(domain, request);
    }

    @DELETE
    @Path("{domain}")
    @Operation(summary = "Remove a peer")
    @APIResponse(responseCode = "204", description = "Removed")
    public void remove(@PathParam("domain") String domain) {
        peers.remove(domain);
    }

    @GET
    @Path("{domain}/outbox")
    @Operation(summary = "A peer's outbox", description = "The first requests waiting for the peer (at most 500), in the "
            + "order they go: operation, subject (message id or user), sender, attempts, next attempt, last error.")
    @APIResponse(responseCode = "200", description = "The requests waiting",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, ref = "OutboxItemView")))
    public List<OutboxItemView> outbox(@PathParam("domain") String domain) {
        return outboxes.waiting(domain, OutboxAdministration.LIST_MAX);
    }

    @DELETE
    @Path("{domain}/outbox")
    @Operation(summary = "Purge a peer's outbox", description = "Every request waiting for the peer goes; the senders of "
            + "the messages among them get a failed receipt ('purged by the ISP').")
    @APIResponse(responseCode = "200", description = "How many requests went")
    public jakarta.json.JsonObject purgeOutbox(@PathParam("domain") String domain) {
        return jakarta.json.Json.createObjectBuilder().add("purged", outboxes.purge(domain)).build();
    }

    @POST
    @Path("{domain}/test")
    @Operation(summary = "Test the connection", description = "Calls the peer's status operation over its transport "
            + "with our certificate and says what it answered.")
    @APIResponse(responseCode = "200", description = "The outcome")
    public PeerTest test(@PathParam("domain") String domain) {
        Peer peer = peers.find(domain).orElseThrow(() -> new NotFoundException("no peer '" + domain + "'"));
        StatusRequest request = new StatusRequest();
        request.transactionId = FederationOutbox.newTransactionId();
        long start = System.nanoTime();
        try {
            StatusResponse status = client.call(peer, org.universalim.federation.wire.Operation.STATUS, request, StatusResponse.class);
            return new PeerTest(peer.domain(), true, status.domain, status.universalDomain, status.node, status.time,
                    status.peer, (System.nanoTime() - start) / 1_000_000, null);
        } catch (PeerFailure e) {
            return new PeerTest(peer.domain(), false, null, null, null, null, null, (System.nanoTime() - start) / 1_000_000,
                    e.getMessage());
        }
    }
}
