package org.universalim.federation.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.federation.entity.ForeignUser;

import java.time.Instant;
import java.util.List;

/** The users of other ISPs the Universal IM server keeps (R5), for the administrator. */
@Path("admin/foreign-users")
@Tag(name = "Administration")
@RolesAllowed("admin")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class ForeignUsersResource {

    @EJB
    ForeignUsers foreign;

    /** A user of another ISP as kept here. */
    public record ForeignUserView(String address, String isp, String screenName, boolean known, boolean announced,
                                  boolean tracked, String aggregate, Instant updatedAt) {
    }

    @GET
    @Operation(summary = "Users of other ISPs we keep", description = "Only those on some local roster, or announced by their ISP (R5).")
    @APIResponse(responseCode = "200", description = "The users")
    public List<ForeignUserView> foreignUsers() {
        return foreign.all().stream().map(f -> new ForeignUserView(f.address(), f.ispDomain(), f.screenName(), f.isKnown(),
                f.isAnnounced(), f.isTracked(), f.aggregate(), f.updatedAt())).toList();
    }
}
