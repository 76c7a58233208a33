package org.universalim.platform.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.universalim.registration.boundary.AccountAuthenticator;

import java.util.Set;

/** Users of this ISP sign in to the JSON API with their user name and password (role {@code user}). */
@ApplicationScoped
public class SubscriberIdentityStore implements IdentityStore {

    public static final String USER_ROLE = "user";

    @EJB
    AccountAuthenticator authenticator;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return authenticator.authenticate(login.getCaller(), login.getPasswordAsString())
                .map(name -> new CredentialValidationResult(name, Set.of(USER_ROLE)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public int priority() {
        return 100;
    }
}
