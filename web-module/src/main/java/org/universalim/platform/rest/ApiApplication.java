package org.universalim.platform.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JSON API for clients, provisioning and administration: {@code /api/v1}. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(info = @Info(title = "Universal IM API", version = "1",
        description = "Registration, accounts, devices, presence rules and administration of one ISP's "
                + "Local and Universal IM servers. Errors share one JSON shape: status, error code, message "
                + "and, for refused input, a list of field errors."))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class ApiApplication extends Application {
}
