package org.universalim.federation.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.routing.boundary.NodeInbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The channel between the nodes of one ISP: {@code POST /federation/internal/batch} with a JSON batch of
 * calls, answered when they are done (the node channel of routing, {@link NodeInbound}). Only reachable
 * through {@link FederationGuard} on the federation port, with this ISP's own certificate.
 */
@WebServlet(urlPatterns = "/federation/internal/*", asyncSupported = true)
public class NodeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(NodeServlet.class.getName());

    @Inject
    transient NodeInbound inbound;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Boolean.TRUE.equals(request.getAttribute(FederationGuard.NODE))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (!"/batch".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String body;
        try {
            body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException tooLarge) {
            response.sendError(413, tooLarge.getMessage());
            return;
        }
        CompletionStage<String> answer;
        try {
            answer = inbound.handle(body);
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(60_000);
        answer.whenComplete((json, failure) -> {
            HttpServletResponse out = (HttpServletResponse) async.getResponse();
            try {
                if (failure != null) {
                    LOG.log(Level.WARNING, "a batch from another node failed", failure);
                    out.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                } else {
                    out.setContentType("application/json");
                    out.setCharacterEncoding("UTF-8");
                    out.getWriter().write(json);
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "the other node did not wait for its answer", e);
            } finally {
                async.complete();
            }
        });
    }
}
