package org.universalim.incontainer;

import jakarta.ejb.EJB;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.AccountAuthenticator;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.RegistrationRequest;
import org.universalim.registration.boundary.UniversalRegistrar;
import org.universalim.registration.boundary.UserRegistered;
import org.universalim.registration.boundary.UserUpgraded;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.Subscriber;
import org.universalim.registration.entity.UniversalEntry;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registration beans and their JPA mapping, inside Liberty with the real persistence unit on Derby. */
@ExtendWith(ArquillianExtension.class)
class RegistrationInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.beansAndEntities("registration", RegistrationInContainerIT.class, EventLog.class, JpaProbe.class);
    }

    /** Records the registration events the beans fire. */
    @ApplicationScoped
    public static class EventLog {
        private final List<Object> events = new CopyOnWriteArrayList<>();

        List<Object> events() {
            return events;
        }

        void registered(@Observes UserRegistered e) {
            events.add(e);
        }

        void upgraded(@Observes UserUpgraded e) {
            events.add(e);
        }
    }

    @EJB
    LocalRegistrar local;

    @EJB
    UniversalRegistrar universal;

    @EJB
    AccountAuthenticator authenticator;

    @Inject
    EventLog eventLog;

    @EJB
    JpaProbe jpa;

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RegistrationRequest request(String name, boolean universal) {
        return new RegistrationRequest(name, "pencil-pencil", "Ann Example", "2 Road", "B-1", null,
                "ann@mail.example", "Europe/Paris", universal);
    }

    @Test
    void registersALocalSubscriberWithHashedCredentials() {
        String name = fresh("ann");
        Account account = local.register(request(name, false));

        assertThat(account.localAddress()).isEqualTo(name + "@isp-a.example");
        assertThat(account.universal()).isFalse();
        Subscriber stored = local.find(name).orElseThrow();
        assertThat(stored.screenName()).isEqualTo(name);
        assertThat(stored.timeZone()).isEqualTo("Europe/Paris");
        assertThat(stored.scramSha256().iterations()).isGreaterThanOrEqualTo(4096);
        assertThat(stored.scramSha256().storedKey()).hasSize(32);
        assertThat(stored.scramSha1().storedKey()).hasSize(20);
        assertThat(universal.entry(name)).isEmpty();
        assertThat(eventLog.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(UserRegistered.class,
                r -> assertThat(r.userName()).isEqualTo(name)));
    }

    @Test
    void aUniversalRegistrationWritesBothDirectories() {
        String name = fresh("ben");
        Account account = local.register(request(name, true));

        assertThat(account.universalAddress()).isEqualTo(name + "@isp-a-u.example");
        UniversalEntry entry = universal.entry(name).orElseThrow();
        assertThat(entry.subscriber().userName()).isEqualTo(name);
        assertThat(local.find(name).orElseThrow().isUniversal()).isTrue();
    }

    @Test
    void aDuplicateNameIsRefusedWhateverItsCase() {
        String name = fresh("cat");
        local.register(request(name, true));
        assertThatThrownBy(() -> local.register(request(name.toUpperCase(), false)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("name_taken"));
        assertThat(jpa.count("SELECT COUNT(s) FROM Subscriber s WHERE s.userName = ?1", name)).isEqualTo(1);
    }

    @Test
    void aLocalNameClashesWithAUniversalEntryOfTheSameName() {
        String name = fresh("dan");
        local.register(request(name, false));
        // the Universal IM server refuses to assign a name the Local IM server already holds
        assertThatThrownBy(() -> universal.assignUserId(name.toUpperCase().toLowerCase()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void upgradeKeepsTheAccountAndFiresOnce() {
        String name = fresh("eve");
        Account before = local.register(request(name, false));
        Long id = local.find(name).orElseThrow().id();

        Account after = local.upgrade(name);
        local.upgrade(name);

        assertThat(after.universal()).isTrue();
        assertThat(after.registeredAt()).isEqualTo(before.registeredAt());
        assertThat(local.find(name).orElseThrow().id()).isEqualTo(id);
        assertThat(eventLog.events().stream().filter(e -> e instanceof UserUpgraded u && u.userName().equals(name)))
                .hasSize(1);
    }

    @Test
    void refusedRequestsListEveryBadField() {
        RegistrationRequest bad = new RegistrationRequest("x", "short", " ", null, null, null, "nope", "Nowhere/City", false);
        assertThatThrownBy(() -> local.register(bad)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(f -> f.field())
                        .contains("userName", "password", "fullName", "email", "timeZone"));
    }

    @Test
    void passwordsVerifyAgainstTheStoredCredentials() {
        String name = fresh("fay");
        local.register(request(name, false));
        assertThat(authenticator.authenticate(name.toUpperCase(), "pencil-pencil")).contains(name);
        assertThat(authenticator.authenticate(name, "pencil-pencilX")).isEmpty();
        assertThat(authenticator.authenticate("nobody-" + name, "pencil-pencil")).isEmpty();
        assertThat(authenticator.scramCredential(name, ScramMechanism.SHA_1)).isPresent();
    }
}
