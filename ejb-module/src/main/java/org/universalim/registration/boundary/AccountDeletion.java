package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserNames;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.platform.TooManyRequestsException;
import org.universalim.registration.control.Scram;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.Subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deleting an account with its data, by its owner (the Local protocol's {@code account.delete},
 * {@code DELETE /api/v1/me}, the web client; XEP-0077's cancel once its handler calls this bean) or by the ISP's
 * administrator (the console, {@code DELETE /api/v1/admin/users/{name}}). First the account is disabled and its
 * devices are logged off (every protocol, every node); then everything of it goes in one transaction
 * ({@link AccountDeleted}: devices, presence history, roster and requests on both sides, history and offline
 * messages, block list, invitations; peers that track the user are told it is gone); the name stays taken for
 * {@code account.name.grace.days}. When that transaction fails, nothing of it is done and the account is enabled
 * again, whole.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AccountDeletion {

    @EJB
    AccountErasure erasure;

    @EJB
    LocalRegistrar registrar;

    @Inject
    LoginThrottle throttle;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /**
     * The user deletes their own account, confirming it with their password (a wrong one counts as a failed log-in).
     */
    public void deleteOwn(String userName, String password, LoginDoor door, String clientAddress, String keepSession) {
        if (password == null || password.isEmpty()) {
            throw new InvalidRequestException("password", "your password confirms the deletion");
        }
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        Admission admission = throttle.admit(door, s.userName(), clientAddress);
        if (!admission.admitted()) {
            Instant now = clock.instant();
            throw new TooManyRequestsException("too_many_attempts", admission.reason(now), admission.retryAfterSeconds(now));
        }
        if (!Scram.verify(ScramMechanism.SHA_256, password, s.scramSha256())) {
            throttle.failed(admission);
            throw new InvalidRequestException("password", "this is not your password");
        }
        throttle.succeeded(admission);
        erase(s.userName(), keepSession);
        log.info(() -> s.userName() + " deleted their account (" + door.label() + ")");
    }

    /** Deletes an account with its data (the administrator; the user over the JSON API). */
    public void delete(String userName) {
        String name;
        try {
            name = UserNames.normalize(userName);
        } catch (InvalidAddressException e) {
            throw new NotFoundException("no user '" + userName + "'");
        }
        erase(name, null);
    }

    private void erase(String name, String keepSession) {
        boolean wasEnabled = erasure.lockOut(name, keepSession);
        try {
            erasure.erase(name);
        } catch (RuntimeException failed) {
            if (wasEnabled) {
                try {
                    erasure.restore(name);
                } catch (RuntimeException notRestored) {
                    log.log(Level.SEVERE, "the account " + name + " stays disabled after its deletion failed", notRestored);
                }
            }
            throw failed;
        }
        log.info(() -> "account " + name + " deleted with its data");
    }
}
