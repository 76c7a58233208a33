package org.universalim.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.platform.rest.ErrorBody;
import org.universalim.platform.rest.ErrorPages;
import org.universalim.registration.boundary.Admission;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.LoginThrottle;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP Basic (RFC 7617) over the identity stores of this package, behind the log-in throttle: an
 * unreadable {@code Authorization} header is a 401 like a wrong password, a throttled attempt a 429 with
 * {@code Retry-After} (its password is not checked). Error bodies have the API's error shape.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"Universal IM\", charset=\"UTF-8\"";

    @Inject
    IdentityStoreHandler identities;

    @Inject
    LoginThrottle throttle;

    @Inject
    ClientOrigins origins;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // the error page's dispatch of a refused request: its credentials were judged (and counted) once
            return context.doNothing();
        }
        BasicCredentials credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials instanceof BasicCredentials.Absent) {
            return context.isProtected() ? unauthorized(request, response, "sign in with your user name and password (HTTP Basic)")
                    : context.doNothing();
        }
        if (!(credentials instanceof BasicCredentials.Given given)) {
            return unauthorized(request, response, "the Authorization header is no HTTP Basic user name and password");
        }
        Admission admission = throttle.admit(LoginDoor.HTTP, given.user(), origins.of(request).address());
        if (!admission.admitted()) {
            return tooManyAttempts(request, response, admission);
        }
        CredentialValidationResult result = identities.validate(new UsernamePasswordCredential(given.user(), given.password()));
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(admission);
            return context.notifyContainerAboutLogin(result);
        }
        throttle.failed(admission);
        return unauthorized(request, response, "wrong user name or password");
    }

    private AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response, String message) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return error(request, response, HttpServletResponse.SC_UNAUTHORIZED, "authentication_failed", message);
    }

    private AuthenticationStatus tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Admission admission) {
        Instant now = clock.instant();
        response.setHeader("Retry-After", String.valueOf(admission.retryAfterSeconds(now)));
        return error(request, response, 429, "too_many_attempts", admission.reason(now));
    }

    /**
     * Answers with the API's error body. The container may send the status again as an error (then the error
     * page writes the body handed to it here, {@link ErrorPages#REFUSAL}), or return the response as it is.
     */
    private AuthenticationStatus error(HttpServletRequest request, HttpServletResponse response, int status, String code,
                                       String message) {
        LibertyAudit.notBasic(request);
        ErrorBody error = ErrorBody.of(status, code, message);
        request.setAttribute(ErrorPages.REFUSAL, error);
        response.setHeader("Cache-Control", "no-store");
        try {
            ErrorPages.write(response, error);
        } catch (IOException e) {
            log.log(Level.FINE, "the client left before its {0} answer", status);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
