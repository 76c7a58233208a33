package org.universalim.platform.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** HTTP Basic over the identity stores of this package; TLS is expected in production. */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "Universal IM")
@DeclareRoles({SubscriberIdentityStore.USER_ROLE, AdminIdentityStore.ADMIN_ROLE})
public class SecurityConfiguration {
}
