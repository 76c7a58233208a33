package org.universalim.incontainer;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.boundary.AccountAdministration;
import org.universalim.registration.boundary.AccountAuthenticator;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.PasswordReset;
import org.universalim.registration.boundary.RegistrationRequest;
import org.universalim.registration.boundary.UserPage;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.Protocol;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The administrator's account operations: search, disable (logged off, no log-in), enable, new password. */
@ExtendWith(ArquillianExtension.class)
class AccountAdministrationInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.beansAndEntities("administration", AccountAdministrationInContainerIT.class, JpaProbe.class);
    }

    @EJB
    AccountAdministration administration;

    @EJB
    LocalRegistrar registrar;

    @EJB
    AccountAuthenticator authenticator;

    @Inject
    SessionRegistry sessions;

    /** A connected device that only records that it was closed. */
    static final class FakeSession implements ClientSession {
        private final String user;
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String reason;

        FakeSession(String user) {
            this.user = user;
        }

        @Override
        public String id() {
            return "fake-" + user;
        }

        @Override
        public String userName() {
            return user;
        }

        @Override
        public String device() {
            return "pc";
        }

        @Override
        public Protocol protocol() {
            return Protocol.LOCAL;
        }

        @Override
        public boolean deliver(Delivery delivery) {
            return true;
        }

        @Override
        public boolean acknowledgesMessages() {
            return false;
        }

        @Override
        public void close(String why) {
            reason = why;
            closed.countDown();
        }
    }

    private String register(String prefix, String fullName) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        registrar.register(new RegistrationRequest(name, "pencil-pencil", fullName, null, null, null,
                name + "@mail.example", null, false));
        return name;
    }

    @Test
    void searchFindsUsersByNameFullNameOrEmailInAnyCase() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        String zoe = register("zoe", "Zoe " + marker + " Quartermaine");
        register("yan", "Yan Other");
        UserPage byFullName = administration.search(marker.toUpperCase(), 0, 10);
        assertThat(byFullName.total()).isEqualTo(1);
        assertThat(byFullName.users().get(0).userName()).isEqualTo(zoe);
        assertThat(byFullName.users().get(0).localAddress()).startsWith(zoe + "@");
        assertThat(administration.search(zoe + "@mail", 0, 10).users()).extracting(u -> u.userName()).containsExactly(zoe);
        // LIKE wildcards are taken literally
        assertThat(administration.search("%_" + marker, 0, 10).total()).isZero();
        assertThat(administration.search(null, 0, 1000).limit()).isEqualTo(AccountAdministration.MAX_PAGE);
    }

    @Test
    void aDisabledUserIsLoggedOffAndCannotLogInUntilEnabled() throws InterruptedException {
        String vic = register("vic", "Vic Example");
        FakeSession session = new FakeSession(vic);
        sessions.register(session);
        try {
            assertThat(administration.disable(vic).disabled()).isTrue();
            assertThat(session.closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(session.reason).contains("disabled");
            assertThat(authenticator.authenticate(vic, "pencil-pencil")).isEmpty();
            assertThat(authenticator.scramCredential(vic, ScramMechanism.SHA_256)).isEmpty();

            assertThat(administration.enable(vic).disabled()).isFalse();
            assertThat(authenticator.authenticate(vic, "pencil-pencil")).contains(vic);
        } finally {
            sessions.unregister(session);
        }
    }

    @Test
    void aNewPasswordReplacesTheOldOneAndEndsTheSessions() throws InterruptedException {
        String uma = register("uma", "Uma Example");
        FakeSession session = new FakeSession(uma);
        sessions.register(session);
        try {
            administration.resetPassword(uma, new PasswordReset("a whole new one"));
            assertThat(session.closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(authenticator.authenticate(uma, "pencil-pencil")).isEmpty();
            assertThat(authenticator.authenticate(uma, "a whole new one")).contains(uma);
        } finally {
            sessions.unregister(session);
        }
        assertThatThrownBy(() -> administration.resetPassword(uma, new PasswordReset("short")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> administration.disable("nobody-" + UUID.randomUUID().toString().substring(0, 8)))
                .isInstanceOf(NotFoundException.class);
    }
}
