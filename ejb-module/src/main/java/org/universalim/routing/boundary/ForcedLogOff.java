package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.universalim.registration.boundary.AccountLocked;

import java.util.logging.Logger;

/** Ends every session of a user whose account was disabled or whose password was reset, once that is committed. */
@ApplicationScoped
public class ForcedLogOff {

    @Inject
    SessionRegistry sessions;

    @Inject
    Logger log;

    void accountLocked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountLocked locked) {
        var open = sessions.sessionsOf(locked.userName());
        open.forEach(s -> s.close(locked.reason()));
        if (!open.isEmpty()) {
            log.info(() -> "logged off " + open.size() + " session(s) of " + locked.userName() + ": " + locked.reason());
        }
    }
}
