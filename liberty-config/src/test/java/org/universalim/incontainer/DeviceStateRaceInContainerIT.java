package org.universalim.incontainer;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.RegistrationRequest;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A device's log-off and its next log-on racing (issue 14: a client whose link was cut logged on again while the end of
 * its old session was being written; the device stayed offline although connected, and every message for it was
 * stored until its next log-on). The log-on must read the device once the user's row is its own: whichever
 * transaction comes second decides, and here the log-on comes second.
 */
@ExtendWith(ArquillianExtension.class)
class DeviceStateRaceInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.beansAndEntities("device-race", DeviceStateRaceInContainerIT.class, LogOffPause.class, Threads.class);
    }

    /**
     * Holds a log-off of the armed user in its transaction (after the state changed in memory, before anything is
     * written), runs the armed action there, and lets the log-off go on only once that action's thread waits.
     */
    @ApplicationScoped
    public static class LogOffPause {
        private String user;
        private Runnable whilePaused;

        synchronized void arm(String userName, Runnable action) {
            whilePaused = action;
            user = userName;
        }

        private synchronized Runnable take(PresenceChanged e) {
            if (e.after() != DeviceState.OFFLINE || !e.userName().equals(user)) {
                return null;
            }
            user = null;
            return whilePaused;
        }

        void changed(@Observes @Priority(1) PresenceChanged e) {
            Runnable action = take(e);
            if (action != null) {
                action.run();
            }
        }
    }

    @EJB
    LocalRegistrar registrar;

    @EJB
    DeviceRegistry devices;

    @Inject
    LogOffPause pause;

    @Test
    void aLogOnThatComesWhileTheLogOffIsBeingWrittenLeavesTheDeviceOnline() throws Exception {
        String user = "race-" + UUID.randomUUID().toString().substring(0, 8);
        registrar.register(new RegistrationRequest(user, "pencil-pencil", "R " + user, null, null, null, null, "UTC", false));
        devices.logOn(user, "pc", DeviceType.PC, null, DeviceState.READY);

        ManagedExecutorService executor = (ManagedExecutorService) lookup("java:comp/DefaultManagedExecutorService");
        AtomicReference<Thread> logOnThread = new AtomicReference<>();
        CompletableFuture<Future<?>> logOn = new CompletableFuture<>();
        pause.arm(user, () -> {
            // the old session's log-off is in its transaction; the new session logs the device on meanwhile
            logOn.complete(executor.submit(() -> {
                logOnThread.set(Thread.currentThread());
                devices.logOn(user, "pc", DeviceType.PC, null, DeviceState.READY);
            }));
            // ... and waits for the user's row: then the log-off commits
            await("the log-on waits for the log-off").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Threads.waitsForTheDatabase(logOnThread.get()));
        });

        devices.logOff(user, "pc");
        logOn.get(20, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);

        assertThat(devices.find(user, "pc").orElseThrow().state()).as("the device logged on last").isEqualTo(DeviceState.READY);
    }

    private static Object lookup(String name) throws NamingException {
        return new InitialContext().lookup(name);
    }
}
