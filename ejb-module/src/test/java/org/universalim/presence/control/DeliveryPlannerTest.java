package org.universalim.presence.control;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.universalim.presence.entity.DeviceState;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.universalim.presence.entity.DeviceState.AWAY;
import static org.universalim.presence.entity.DeviceState.BUSY;
import static org.universalim.presence.entity.DeviceState.DO_NOT_DISTURB;
import static org.universalim.presence.entity.DeviceState.OFFLINE;
import static org.universalim.presence.entity.DeviceState.READY;

/** The presence logic rules of R4 over a table of cases: the heart of delivery. */
class DeliveryPlannerTest {

    private static final long ACK = 5_000;
    /** The patent's user: a PC, a PDA and a cell phone, registered in that order. */
    private static final List<String> PATENT_ORDER = List.of("pc", "pda", "phone");

    private static DeviceSnapshot device(String name, DeviceState state, int level, String... apps) {
        return new DeviceSnapshot(name, state, Set.of(apps.length == 0 ? new String[] {"text"} : apps), level);
    }

    private static DeliveryPlan plan(List<DeviceSnapshot> devices, List<String> order, String app, int level, String... failed) {
        return DeliveryPlanner.plan(devices, order, new MessageRequirements(app, level), Arrays.asList(failed), ACK);
    }

    @Nested
    class Order {

        @Test
        void theHighestRankedReadyDeviceGetsTheMessage() {
            List<DeviceSnapshot> devices = List.of(device("phone", READY, 1), device("pda", READY, 1), device("pc", READY, 1));
            DeliveryPlan plan = plan(devices, PATENT_ORDER, "text", 0);
            assertThat(plan.deliverable()).isTrue();
            assertThat(plan.candidates()).containsExactly("pc", "pda", "phone");
            assertThat(plan.first()).contains("pc");
            assertThat(plan.ackTimeoutMillis()).isEqualTo(ACK);
        }

        @Test
        void withoutRulesDevicesAreTriedInRegistrationOrder() {
            List<DeviceSnapshot> devices = List.of(device("laptop", READY, 0), device("phone", READY, 0));
            assertThat(plan(devices, List.of(), "text", 0).candidates()).containsExactly("laptop", "phone");
        }

        @Test
        void devicesTheOrderDoesNotNameFollowInRegistrationOrder() {
            List<DeviceSnapshot> devices = List.of(device("a", READY, 0), device("b", READY, 0), device("c", READY, 0));
            assertThat(plan(devices, List.of("c", "gone"), "text", 0).candidates()).containsExactly("c", "a", "b");
            assertThat(DeliveryPlanner.effectiveOrder(devices, List.of("b"))).containsExactly("b", "a", "c");
        }

        @Test
        void anOfflineFirstChoiceIsSkipped() {
            List<DeviceSnapshot> devices = List.of(device("pc", OFFLINE, 1), device("pda", READY, 1), device("phone", READY, 1));
            assertThat(plan(devices, PATENT_ORDER, "text", 0).first()).contains("pda");
        }

        @Test
        void readyDevicesComeBeforeBusyOrAwayOnesWhateverTheirRank() {
            List<DeviceSnapshot> devices = List.of(device("pc", AWAY, 1), device("pda", BUSY, 1), device("phone", READY, 1));
            assertThat(plan(devices, PATENT_ORDER, "text", 0).candidates()).containsExactly("phone", "pc", "pda");
        }

        @Test
        void aConnectedButAwayDeviceStillGetsTheMessageWhenNothingIsReady() {
            List<DeviceSnapshot> devices = List.of(device("pc", AWAY, 1), device("pda", OFFLINE, 1));
            assertThat(plan(devices, PATENT_ORDER, "text", 0).candidates()).containsExactly("pc");
        }

        @Test
        void doNotDisturbDevicesNeverGetMessages() {
            List<DeviceSnapshot> devices = List.of(device("pc", DO_NOT_DISTURB, 3), device("phone", READY, 3));
            assertThat(plan(devices, PATENT_ORDER, "text", 0).candidates()).containsExactly("phone");
        }
    }

    @Nested
    class Failover {

        private final List<DeviceSnapshot> all = List.of(device("pc", READY, 1), device("pda", READY, 1), device("phone", READY, 1));

        @Test
        void aDeviceThatDidNotAcknowledgeIsSkippedNextTime() {
            assertThat(plan(all, PATENT_ORDER, "text", 0, "pc").first()).contains("pda");
            assertThat(plan(all, PATENT_ORDER, "text", 0, "pc", "pda").first()).contains("phone");
        }

        @Test
        void whenEveryCandidateFailedTheReasonSaysSo() {
            DeliveryPlan plan = plan(all, PATENT_ORDER, "text", 0, "pc", "pda", "phone");
            assertThat(plan.deliverable()).isFalse();
            assertThat(plan.reason()).isEqualTo(Unavailability.NO_DEVICE_ACKNOWLEDGED);
        }
    }

    @Nested
    class SecurityLevel {

        @Test
        void aConfidentialMessageSkipsLowSecurityDevices() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 1), device("pda", READY, 3), device("phone", READY, 0));
            assertThat(plan(devices, PATENT_ORDER, "text", 3).candidates()).containsExactly("pda");
        }

        @Test
        void aDeviceAtExactlyTheMessagesLevelQualifies() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 2));
            assertThat(plan(devices, PATENT_ORDER, "text", 2).candidates()).containsExactly("pc");
        }

        @Test
        void noDeviceSecureEnough() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 1), device("phone", READY, 2));
            assertThat(plan(devices, PATENT_ORDER, "text", 3).reason()).isEqualTo(Unavailability.NO_DEVICE_SECURE_ENOUGH);
        }
    }

    @Nested
    class ApplicationType {

        @Test
        void aMessageOfATypeOnlyGoesToDevicesThatSupportIt() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 1, "text", "file"), device("phone", READY, 1, "text", "voice"));
            assertThat(plan(devices, PATENT_ORDER, "voice", 0).candidates()).containsExactly("phone");
            assertThat(plan(devices, PATENT_ORDER, "file", 0).candidates()).containsExactly("pc");
        }

        @Test
        void theTypeIsMatchedCaseInsensitivelyAndDefaultsToText() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 0, "text", "status-probe"));
            assertThat(plan(devices, PATENT_ORDER, " Status-Probe ", 0).candidates()).containsExactly("pc");
            assertThat(plan(devices, PATENT_ORDER, null, 0).candidates()).containsExactly("pc");
        }

        @Test
        void noDeviceSupportsTheType() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 3, "text"));
            assertThat(plan(devices, PATENT_ORDER, "video", 0).reason()).isEqualTo(Unavailability.NO_DEVICE_SUPPORTS_APPLICATION);
        }

        @Test
        void theTypeIsCheckedBeforeTheSecurityLevel() {
            List<DeviceSnapshot> devices = List.of(device("pc", READY, 0, "video"), device("phone", READY, 3, "text"));
            assertThat(plan(devices, PATENT_ORDER, "video", 2).reason()).isEqualTo(Unavailability.NO_DEVICE_SECURE_ENOUGH);
            assertThat(plan(devices, PATENT_ORDER, "file", 0).reason()).isEqualTo(Unavailability.NO_DEVICE_SUPPORTS_APPLICATION);
        }
    }

    @Nested
    class NotAvailable {

        @Test
        void noDevicesAtAll() {
            assertThat(plan(List.of(), PATENT_ORDER, "text", 0).reason()).isEqualTo(Unavailability.NO_DEVICES);
        }

        @Test
        void allOffline() {
            List<DeviceSnapshot> devices = List.of(device("pc", OFFLINE, 3), device("phone", OFFLINE, 3));
            DeliveryPlan plan = plan(devices, PATENT_ORDER, "text", 0);
            assertThat(plan.deliverable()).isFalse();
            assertThat(plan.candidates()).isEmpty();
            assertThat(plan.reason()).isEqualTo(Unavailability.NO_DEVICE_ONLINE);
            assertThat(plan.reason().explain("bob")).isEqualTo("bob has no device online");
        }

        @Test
        void onlyDoNotDisturbOnline() {
            List<DeviceSnapshot> devices = List.of(device("pc", DO_NOT_DISTURB, 3), device("phone", OFFLINE, 3));
            assertThat(plan(devices, PATENT_ORDER, "text", 0).reason()).isEqualTo(Unavailability.DO_NOT_DISTURB);
        }
    }

    /** The whole table at a glance: devices pc, pda, phone with levels 1, 2, 0 and texts only. */
    @ParameterizedTest(name = "pc={0} pda={1} phone={2} level={3} failed={4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            "READY   | READY   | READY   | 0 | ''     | pc",
            "OFFLINE | READY   | READY   | 0 | ''     | pda",
            "READY   | READY   | READY   | 2 | ''     | pda",
            "READY   | READY   | READY   | 0 | pc     | pda",
            "READY   | READY   | READY   | 1 | pc,pda | NO_DEVICE_ACKNOWLEDGED",
            "AWAY    | OFFLINE | READY   | 0 | ''     | phone",
            "AWAY    | OFFLINE | OFFLINE | 0 | ''     | pc",
            "OFFLINE | OFFLINE | OFFLINE | 0 | ''     | NO_DEVICE_ONLINE",
            "READY   | OFFLINE | READY   | 3 | ''     | NO_DEVICE_SECURE_ENOUGH",
            "DO_NOT_DISTURB | DO_NOT_DISTURB | OFFLINE | 0 | '' | DO_NOT_DISTURB"})
    void table(DeviceState pc, DeviceState pda, DeviceState phone, int level, String failed, String expected) {
        List<DeviceSnapshot> devices = List.of(device("pc", pc, 1), device("pda", pda, 2), device("phone", phone, 0));
        DeliveryPlan plan = plan(devices, PATENT_ORDER, "text", level, failed.isEmpty() ? new String[0] : failed.split(","));
        String outcome = plan.deliverable() ? plan.first().orElseThrow() : plan.reason().name();
        assertThat(outcome).isEqualTo(expected);
    }
}
