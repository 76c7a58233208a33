package org.universalim.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits of the JSON API (server.xml variables, see docs/security.md). */
@ApplicationScoped
public class RestSettings {

    /** The path under which the administration API lives; its bodies may be larger (history imports). */
    static final String ADMIN_PATH = "/api/v1/admin/";

    @Inject
    @ConfigProperty(name = "rest.body.max.bytes", defaultValue = "65536")
    long bodyMaxBytes;

    @Inject
    @ConfigProperty(name = "rest.admin.body.max.bytes", defaultValue = "2097152")
    long adminBodyMaxBytes;

    /** The largest body a request to {@code path} (relative to the context root) may carry. */
    public long bodyLimit(String path) {
        return path.startsWith(ADMIN_PATH) ? adminBodyMaxBytes : bodyMaxBytes;
    }

    /** The largest body any API request may carry. */
    public long largestBody() {
        return Math.max(bodyMaxBytes, adminBodyMaxBytes);
    }
}
