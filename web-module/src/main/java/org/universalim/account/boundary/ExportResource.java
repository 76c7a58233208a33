package org.universalim.account.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.universalim.routing.boundary.HistoryItem;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * "Export my data": one JSON document with the account, roster, pending requests, block list, privacy choices and
 * every message, written as it is read (the history in pages), as a download.
 */
@Path("me/export")
@Tag(name = "Account")
@RolesAllowed("user")
@SecurityRequirement(name = "basic")
public class ExportResource {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true).withFormatting(false));

    @EJB
    DataExport export;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export my data", description = "profile (exportedAt, account, roster, pending, blocks, privacy) "
            + "and history (every message I sent or received, oldest first), as a JSON download.")
    @APIResponse(responseCode = "200", description = "The export")
    public Response export(@Context SecurityContext security) {
        String user = security.getUserPrincipal().getName();
        DataExport.Profile profile = export.profile(user);
        String name = profile.account().userName();
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("{\"profile\":");
            w.write(JSONB.toJson(profile));
            w.write(",\"history\":[");
            boolean first = true;
            for (int page = 0; ; page++) {
                List<HistoryItem> items = export.history(name, page);
                for (HistoryItem item : items) {
                    if (!first) {
                        w.write(',');
                    }
                    first = false;
                    w.write(JSONB.toJson(item));
                }
                if (items.size() < DataExport.PAGE) {
                    break;
                }
            }
            w.write("]}");
            w.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "-export.json\"")
                .header("Cache-Control", "no-store").build();
    }
}
