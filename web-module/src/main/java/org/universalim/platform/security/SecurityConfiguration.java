package org.universalim.platform.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles of the JSON API; users and the administrator sign in with HTTP Basic ({@link BasicAuthentication})
 * over the identity stores of this package. TLS is expected in production.
 */
@ApplicationScoped
@DeclareRoles({SubscriberIdentityStore.USER_ROLE, AdminIdentityStore.ADMIN_ROLE})
public class SecurityConfiguration {
}
