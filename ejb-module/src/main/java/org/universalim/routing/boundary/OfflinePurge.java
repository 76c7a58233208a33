package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;
import org.universalim.routing.control.OfflineBox;
import org.universalim.routing.entity.ImMessage;

import java.util.List;
import java.util.logging.Logger;

/**
 * The ISP empties a user's offline box (the console, {@code DELETE /api/v1/admin/users/{name}/offline}): every
 * message waiting for the user fails, and its sender gets a {@code failed} receipt with the reason {@value #REASON}.
 */
@ApplicationScoped
public class OfflinePurge {

    public static final String REASON = "purged";
    static final int BATCH = 500;

    @EJB
    LocalRegistrar registrar;

    @EJB
    OfflineBox box;

    @Inject
    OfflineFailures failures;

    @Inject
    Logger log;

    /** @return how many messages were purged */
    public int purge(String userName) {
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        int purged = 0;
        while (true) {
            List<ImMessage> batch = box.storedFor(s.userName(), BATCH);
            int failed = failures.fail(batch, REASON);
            purged += failed;
            if (batch.size() < BATCH || failed == 0) {
                break;
            }
        }
        int count = purged;
        log.info(() -> "administration: the offline box of " + s.userName() + " purged (" + count + " messages)");
        return purged;
    }

    /** Messages waiting for a user (for the console). */
    public List<ImMessage> waiting(String userName, int max) {
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        return box.storedFor(s.userName(), max);
    }
}
