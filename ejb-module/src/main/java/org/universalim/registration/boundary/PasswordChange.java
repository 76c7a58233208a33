package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.platform.TooManyRequestsException;
import org.universalim.registration.control.SaslPrep;
import org.universalim.registration.control.Scram;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A user changes their own password (the Local protocol's {@code account.password}, {@code PUT /api/v1/me/password},
 * the web client; XEP-0077 once its handler calls this bean): the current password is required (a wrong one counts
 * as a failed log-in of the account, so this is no way around the log-in throttle), the SCRAM credentials are
 * derived anew, and the user's other sessions end (on every node).
 */
@Stateless
public class PasswordChange {

    public static final String REASON = "password changed";

    @EJB
    LocalRegistrar registrar;

    @Inject
    LoginThrottle throttle;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Event<AccountLocked> locked;

    @Inject
    Logger log;

    /**
     * @param door          where the user asks (for the log-in throttle)
     * @param clientAddress the client's address (for the log-in throttle)
     * @param keepSession   the session that asks, which stays; null for none (the JSON API)
     */
    public void change(String userName, PasswordChangeRequest request, LoginDoor door, String clientAddress,
                       String keepSession) {
        String oldPassword = request == null ? null : request.oldPassword();
        String newPassword = request == null ? null : request.newPassword();
        if (oldPassword == null || oldPassword.isEmpty()) {
            throw new InvalidRequestException("oldPassword", "your current password is required");
        }
        checkNew(newPassword);
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        Admission admission = throttle.admit(door, s.userName(), clientAddress);
        if (!admission.admitted()) {
            Instant now = clock.instant();
            throw new TooManyRequestsException("too_many_attempts", admission.reason(now), admission.retryAfterSeconds(now));
        }
        if (!Scram.verify(ScramMechanism.SHA_256, oldPassword, s.scramSha256())) {
            throttle.failed(admission);
            throw new InvalidRequestException("oldPassword", "this is not your current password");
        }
        throttle.succeeded(admission);
        int iterations = isp.scramIterations();
        s.setCredentials(Scram.newCredential(ScramMechanism.SHA_256, newPassword, iterations),
                Scram.newCredential(ScramMechanism.SHA_1, newPassword, iterations));
        locked.fire(new AccountLocked(s.userName(), REASON, keepSession));
        log.info(() -> s.userName() + " changed their password (" + door.label() + ")");
    }

    /** The rule for a new password, the same as at registration. */
    static void checkNew(String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw new InvalidRequestException("newPassword", "a password has 8 to 128 characters");
        }
        try {
            SaslPrep.checkNew(password);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("newPassword", e.getMessage());
        }
    }
}
