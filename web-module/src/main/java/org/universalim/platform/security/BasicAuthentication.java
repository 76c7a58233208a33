package org.universalim.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.universalim.registration.boundary.Admission;
import org.universalim.registration.boundary.LoginDoor;
import org.universalim.registration.boundary.LoginThrottle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Answers at once with the API's error body; the container returns the response as it is. */
    private AuthenticationStatus error(HttpServletRequest request, HttpServletResponse response, int status, String code,
                                       String message) {
        LibertyAudit.notBasic(request);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        String body = Json.createObjectBuilder().add("status", status).add("error", code).add("message", message)
                .add("fieldErrors", Json.createArrayBuilder()).build().toString();
        try {
            response.getWriter().write(body);
        } catch (IOException e) {
            log.log(Level.FINE, "the client left before its {0} answer", status);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
