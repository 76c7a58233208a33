package org.universalim.incontainer;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.universalim.platform.ConflictException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.boundary.AlertRequest;
import org.universalim.presence.boundary.AlertView;
import org.universalim.presence.boundary.AvailabilityAlertFired;
import org.universalim.presence.boundary.AvailabilityAlerts;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.DeviceRegistry;
import org.universalim.presence.boundary.DeviceSpec;
import org.universalim.presence.boundary.HistoryEntry;
import org.universalim.presence.boundary.PresenceChanged;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.PresenceRules;
import org.universalim.presence.boundary.RulesUpdate;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.control.Unavailability;
import org.universalim.presence.entity.AvailabilityAlert;
import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.boundary.RegistrationRequest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Devices, rules, history and alerts through the beans and the real persistence unit. */
@ExtendWith(ArquillianExtension.class)
class PresenceInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.beansAndEntities("presence", PresenceInContainerIT.class, Recorder.class, JpaProbe.class);
    }

    /** Records the presence and alert events the beans fire. */
    @ApplicationScoped
    public static class Recorder {
        private final List<Object> events = new CopyOnWriteArrayList<>();

        void changed(@Observes PresenceChanged e) {
            events.add(e);
        }

        void fired(@Observes AvailabilityAlertFired e) {
            events.add(e);
        }

        List<Object> events() {
            return events;
        }
    }

    @EJB
    LocalRegistrar registrar;

    @EJB
    DeviceRegistry devices;

    @EJB
    PresenceRules rules;

    @EJB
    PresenceDirectory directory;

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    AvailabilityAlerts alerts;

    @EJB
    JpaProbe jpa;

    @Inject
    Recorder recorder;

    private String user(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        registrar.register(new RegistrationRequest(name, "pencil-pencil", "P " + name, null, null, null, null, "UTC", false));
        return name;
    }

    private void patentDevices(String user) {
        devices.register(user, new DeviceSpec("pc", "pc", List.of("broadband"), null, List.of("text", "file"),
                "192.0.2.10", false, 1));
        devices.register(user, new DeviceSpec("pda", "PDA", List.of("GPRS"), null, List.of("text"), null, null, 3));
        devices.register(user, new DeviceSpec("phone", "cell_phone", List.of("GPRS", "SMS gateway"),
                List.of("READY", "BUSY", "OFFLINE"), List.of("text", "voice"), null, null, 0));
    }

    @Test
    void devicesAreStoredWithEveryAttribute() {
        String user = user("dev");
        patentDevices(user);
        Device pc = devices.device(user, "pc");
        assertThat(pc.type()).isEqualTo(DeviceType.PC);
        assertThat(pc.links()).containsExactly("broadband");
        assertThat(pc.applications()).containsExactlyInAnyOrder("text", "file");
        assertThat(pc.endpoint()).isEqualTo("192.0.2.10");
        assertThat(pc.securityLevel()).isEqualTo(1);
        assertThat(pc.state()).isEqualTo(DeviceState.OFFLINE);
        Device phone = devices.device(user, "phone");
        assertThat(phone.type()).isEqualTo(DeviceType.CELL_PHONE);
        assertThat(phone.supportedStates()).containsExactlyInAnyOrder(DeviceState.READY, DeviceState.BUSY, DeviceState.OFFLINE);
        assertThat(devices.devices(user)).extracting(Device::name).containsExactly("pc", "pda", "phone");

        assertThatThrownBy(() -> devices.register(user, DeviceSpec.named("pc", "pc"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> devices.setState(user, "phone", DeviceState.AWAY, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> devices.register(user, new DeviceSpec("tv", "television", null, null, List.of("TeXt!"),
                null, true, 7))).isInstanceOfSatisfying(InvalidRequestException.class, e ->
                assertThat(e.errors()).extracting(f -> f.field()).contains("type", "applications", "securityLevel", "endpoint"));
    }

    @Test
    void rulesAreStoredAndDecideDelivery() {
        String user = user("rul");
        patentDevices(user);
        rules.update(user, new RulesUpdate(List.of("pc", "pda", "phone"), 2_000L));
        devices.logOn(user, "pc", DeviceType.PC, "198.51.100.7", DeviceState.READY);
        devices.logOn(user, "pda", DeviceType.PDA, null, DeviceState.READY);
        devices.logOn(user, "phone", DeviceType.CELL_PHONE, null, DeviceState.READY);

        assertThat(rules.rules(user).ackTimeoutMillis()).isEqualTo(2_000);
        assertThat(rules.plan(user, MessageRequirements.text(), List.of()).candidates()).containsExactly("pc", "pda", "phone");
        assertThat(rules.plan(user, MessageRequirements.text(), List.of("pc")).first()).contains("pda");
        assertThat(rules.plan(user, new MessageRequirements("text", 3), List.of()).candidates()).containsExactly("pda");
        assertThat(rules.plan(user, new MessageRequirements("voice", 0), List.of()).candidates()).containsExactly("phone");

        rules.update(user, new RulesUpdate(List.of("phone"), null));
        assertThat(rules.rules(user).deviceOrder()).containsExactly("phone", "pc", "pda");
        assertThatThrownBy(() -> rules.update(user, new RulesUpdate(List.of("pc", "pc", "fridge"), 10L)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).hasSize(3));
    }

    @Test
    void everyChangeIsInTheHistoryAndTheReadModel() {
        String user = user("his");
        patentDevices(user);
        devices.logOn(user, "pc", DeviceType.PC, "198.51.100.7", DeviceState.READY);
        devices.setState(user, "pc", DeviceState.BUSY, "in a meeting");
        devices.logOn(user, "phone", DeviceType.CELL_PHONE, null, DeviceState.READY);
        devices.logOff(user, "phone");

        assertThat(jpa.count("SELECT COUNT(e) FROM PresenceEvent e WHERE e.userName = ?1", user)).isEqualTo(4);
        UserPresence presence = directory.presence(user);
        assertThat(presence.aggregate()).isEqualTo(DeviceState.BUSY);
        assertThat(presence.available()).isFalse();
        assertThat(presence.statusText()).isEqualTo("in a meeting");
        assertThat(presence.devices()).extracting(UserPresence.DevicePresence::name).containsExactly("pc", "pda", "phone");
        // a roaming endpoint is not shown to watchers
        assertThat(presence.devices().get(0).endpoint()).isNull();
        assertThat(recorder.events()).filteredOn(e -> e instanceof PresenceChanged c && c.userName().equals(user)).hasSize(4);

        DeliveryPlan plan = rules.plan(user, new MessageRequirements("text", 2), List.of());
        assertThat(plan.reason()).isEqualTo(Unavailability.NO_DEVICE_SECURE_ENOUGH);
    }

    @Test
    void importedHistoryGivesThePatentsWindows() {
        String user = user("win");
        patentDevices(user);
        List<HistoryEntry> history = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(28); day.isBefore(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                history.add(new HistoryEntry("pc", "READY", at(day, "09:00")));
                history.add(new HistoryEntry("pc", "OFFLINE", at(day, "17:00")));
            }
            history.add(new HistoryEntry("phone", "READY", at(day, "15:00")));
            history.add(new HistoryEntry("phone", "OFFLINE", at(day, "18:00")));
        }
        assertThat(indicator.importHistory(user, history)).isEqualTo(history.size());

        AvailabilityView view = indicator.availability(user);
        assertThat(view.timeZone()).isEqualTo("UTC");
        assertThat(view.devices()).filteredOn(d -> d.device().equals("pc")).singleElement().satisfies(d -> {
            assertThat(d.windows()).singleElement().satisfies(w -> {
                assertThat(w.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
                assertThat(w.from()).isEqualTo("09:00");
                assertThat(w.until()).isEqualTo("17:00");
            });
        });
        assertThat(view.devices()).filteredOn(d -> d.device().equals("phone")).singleElement()
                .satisfies(d -> assertThat(d.windows()).singleElement().satisfies(w -> {
                    assertThat(w.days()).hasSize(7);
                    assertThat(w.from()).isEqualTo("15:00");
                    assertThat(w.until()).isEqualTo("18:00");
                }));
        assertThat(view.devices()).filteredOn(d -> d.device().equals("pda")).singleElement()
                .satisfies(d -> assertThat(d.windows()).isEmpty());
    }

    @Test
    void compactionKeepsTheLastStateOfEachDevice() {
        String user = user("cmp");
        patentDevices(user);
        Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
        indicator.importHistory(user, List.of(new HistoryEntry("pc", "READY", old),
                new HistoryEntry("pc", "OFFLINE", old.plusSeconds(3600)),
                new HistoryEntry("pc", "READY", old.plusSeconds(7200))));
        indicator.compactHistory();
        assertThat(jpa.count("SELECT COUNT(e) FROM PresenceEvent e WHERE e.userName = ?1", user)).isEqualTo(1);
    }

    @Test
    void anAlertFiresOnceWhenTheContactBecomesAvailable() {
        String watcher = user("wat");
        String bob = user("bob");
        devices.register(bob, DeviceSpec.named("pc", "PC"));
        AlertView set = alerts.set(watcher, new AlertRequest(bob + "@isp-a-u.example", null, null));
        assertThat(set.state()).isEqualTo(AvailabilityAlert.State.PENDING);
        assertThat(set.contact()).isEqualTo(bob + "@isp-a.example");

        devices.logOn(bob, "pc", DeviceType.PC, null, DeviceState.READY);
        devices.logOff(bob, "pc");
        devices.logOn(bob, "pc", DeviceType.PC, null, DeviceState.READY);

        AlertView after = alerts.alert(watcher, set.id());
        assertThat(after.state()).isEqualTo(AvailabilityAlert.State.FIRED);
        assertThat(after.firedDevice()).isEqualTo("pc");
        assertThat(recorder.events()).filteredOn(e -> e instanceof AvailabilityAlertFired f && f.alertId() == set.id()).hasSize(1);
    }

    @Test
    void anAlertOutsideItsWindowDoesNotFireAndExpiresAfterIt() {
        String watcher = user("wat");
        String bob = user("bob");
        devices.register(bob, DeviceSpec.named("pc", "PC"));
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        AlertView later = alerts.set(watcher, new AlertRequest(bob + "@isp-a.example", start.toString().replace("Z", "+00:00"),
                start.plus(1, ChronoUnit.HOURS).toString().replace("Z", "+00:00")));
        devices.logOn(bob, "pc", DeviceType.PC, null, DeviceState.READY);
        assertThat(alerts.alert(watcher, later.id()).state()).isEqualTo(AvailabilityAlert.State.PENDING);

        AlertView brief = alerts.set(watcher, new AlertRequest("carol@isp-b-u.example", null,
                Instant.now().plusMillis(1500).atOffset(ZoneOffset.UTC).toString()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            alerts.sweep();
            assertThat(alerts.alert(watcher, brief.id()).state()).isEqualTo(AvailabilityAlert.State.EXPIRED);
        });
    }

    @Test
    void anAlertOnAContactAlreadyAvailableFiresAtOnce() {
        String watcher = user("wat");
        String bob = user("bob");
        devices.logOn(bob, "laptop", DeviceType.PC, null, DeviceState.READY);
        AlertView set = alerts.set(watcher, new AlertRequest(bob + "@isp-a.example", null, null));
        assertThat(set.state()).isEqualTo(AvailabilityAlert.State.FIRED);
        assertThatThrownBy(() -> alerts.set(watcher, new AlertRequest("nobody-here@isp-a.example", null, null)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> alerts.set(watcher, new AlertRequest(bob + "@isp-a.example", "tomorrow", null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    private static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }
}
