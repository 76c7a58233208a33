package org.universalim.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The ISP's administrator (role {@code admin}), from the server.xml variables {@code admin.user} and
 * {@code admin.password} (environment {@code ADMIN_USER}, {@code ADMIN_PASSWORD}). With no password set,
 * nobody can sign in as administrator: there is no built-in password.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    public static final String ADMIN_ROLE = "admin";

    @Inject
    @ConfigProperty(name = "admin.user", defaultValue = "admin")
    String adminUser;

    @Inject
    @ConfigProperty(name = "admin.password")
    Optional<String> adminPassword;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login) || !login.getCaller().equals(adminUser)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String expected = adminPassword.orElse("");
        if (expected.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                login.getPasswordAsString().getBytes(StandardCharsets.UTF_8));
        return same ? new CredentialValidationResult(adminUser, Set.of(ADMIN_ROLE)) : CredentialValidationResult.INVALID_RESULT;
    }

    @Override
    public int priority() {
        return 50;
    }
}
