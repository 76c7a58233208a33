package org.universalim.presence.control;

import org.junit.jupiter.api.Test;
import org.universalim.presence.entity.DeviceState;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Availability windows from synthetic histories (R7). */
class AvailabilityWindowsTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<DayOfWeek> WORKDAYS = EnumSet.range(MONDAY, FRIDAY);
    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    private final AvailabilityWindows windows = new AvailabilityWindows(4, 0.5);

    /** A history in which the device is online from..until (local time) on the given days of the past weeks. */
    private static List<StateChange> daily(LocalDate today, int days, ZoneId zone, Set<DayOfWeek> on,
                                           String from, String until, DeviceState state) {
        List<StateChange> changes = new ArrayList<>();
        for (LocalDate day = today.minusDays(days); day.isBefore(today); day = day.plusDays(1)) {
            if (!on.contains(day.getDayOfWeek())) {
                continue;
            }
            changes.add(new StateChange(day.atTime(LocalTime.parse(from)).atZone(zone).toInstant(), state));
            LocalDate endDay = LocalTime.parse(until).isAfter(LocalTime.parse(from)) ? day : day.plusDays(1);
            changes.add(new StateChange(endDay.atTime(LocalTime.parse(until)).atZone(zone).toInstant(), DeviceState.OFFLINE));
        }
        return changes;
    }

    private List<WindowSpan> spans(List<StateChange> history, ZoneId zone, LocalDate today) {
        Instant now = today.atTime(LocalTime.NOON).atZone(zone).toInstant();
        return AvailabilityWindows.group(windows.compute(DeviceState.OFFLINE, history, zone, today, now));
    }

    @Test
    void thePatentsExampleGivesItsThreeWindows() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        List<WindowSpan> officePc = spans(daily(today, 28, UTC, WORKDAYS, "09:00", "17:00", DeviceState.READY), UTC, today);
        List<WindowSpan> phone = spans(daily(today, 28, UTC, EVERY_DAY, "15:00", "18:00", DeviceState.READY), UTC, today);
        List<WindowSpan> homePc = spans(daily(today, 28, UTC, EVERY_DAY, "22:00", "23:00", DeviceState.READY), UTC, today);

        assertThat(officePc).containsExactly(new WindowSpan(List.of(MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, FRIDAY), "09:00", "17:00"));
        assertThat(phone).containsExactly(new WindowSpan(List.copyOf(EVERY_DAY), "15:00", "18:00"));
        assertThat(homePc).containsExactly(new WindowSpan(List.copyOf(EVERY_DAY), "22:00", "23:00"));
    }

    @Test
    void busyAndAwayCountAsReachableButDoNotDisturbDoesNot() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        assertThat(spans(daily(today, 28, UTC, WORKDAYS, "09:00", "10:00", DeviceState.AWAY), UTC, today)).hasSize(1);
        assertThat(spans(daily(today, 28, UTC, WORKDAYS, "09:00", "10:00", DeviceState.DO_NOT_DISTURB), UTC, today)).isEmpty();
    }

    @Test
    void aHabitMustHoldInAtLeastHalfTheWeeks() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        // online on Saturdays 10-12, but only in the most recent week: 1 of 4 weeks
        List<StateChange> once = daily(today, 7, UTC, EnumSet.of(SATURDAY), "10:00", "12:00", DeviceState.READY);
        assertThat(spans(once, UTC, today)).isEmpty();
        // two of four weeks reach the threshold of one half
        List<StateChange> twice = daily(today, 14, UTC, EnumSet.of(SATURDAY), "10:00", "12:00", DeviceState.READY);
        assertThat(spans(twice, UTC, today)).containsExactly(new WindowSpan(List.of(SATURDAY), "10:00", "12:00"));
    }

    @Test
    void windowsAreInTheUsersTimeZone() {
        LocalDate today = LocalDate.of(2026, 6, 10);
        List<StateChange> history = daily(today, 28, PARIS, WORKDAYS, "09:00", "17:00", DeviceState.READY);
        assertThat(spans(history, PARIS, today)).extracting(WindowSpan::from, WindowSpan::until)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("09:00", "17:00"));
        // the same instants seen from UTC are two hours earlier in summer
        assertThat(spans(history, UTC, today)).extracting(WindowSpan::from, WindowSpan::until)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("07:00", "15:00"));
    }

    @Test
    void aWindowKeepsItsLocalHoursAcrossTheSpringDaylightSavingChange() {
        // Europe/Paris moved to summer time on Sunday 29 March 2026; four weeks straddle it
        LocalDate today = LocalDate.of(2026, 4, 14);
        List<StateChange> history = daily(today, 28, PARIS, WORKDAYS, "09:00", "17:00", DeviceState.READY);
        assertThat(spans(history, PARIS, today)).containsExactly(
                new WindowSpan(List.of(MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, FRIDAY), "09:00", "17:00"));
    }

    @Test
    void aNightWindowOverTheAutumnChangeAndTheSkippedSpringHour() {
        // New York: clocks go back on 1 November 2026 (01:00-02:00 happens twice)
        LocalDate autumn = LocalDate.of(2026, 11, 20);
        List<StateChange> nights = daily(autumn, 28, NEW_YORK, EnumSet.of(SUNDAY), "00:30", "03:00", DeviceState.READY);
        assertThat(spans(nights, NEW_YORK, autumn)).containsExactly(new WindowSpan(List.of(SUNDAY), "00:30", "03:00"));

        // on 8 March 2026 02:00-03:00 does not exist: one Sunday in four lacks that hour, still 3 of 4 weeks
        LocalDate spring = LocalDate.of(2026, 3, 20);
        List<StateChange> springNights = daily(spring, 28, NEW_YORK, EnumSet.of(SUNDAY), "01:00", "04:00", DeviceState.READY);
        assertThat(spans(springNights, NEW_YORK, spring)).containsExactly(new WindowSpan(List.of(SUNDAY), "01:00", "04:00"));
    }

    @Test
    void aWindowOverMidnightIsSplitBetweenTwoDays() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        List<StateChange> history = daily(today, 28, UTC, EnumSet.of(FRIDAY), "23:00", "01:00", DeviceState.READY);
        assertThat(spans(history, UTC, today)).containsExactlyInAnyOrder(
                new WindowSpan(List.of(SATURDAY), "00:00", "01:00"),
                new WindowSpan(List.of(FRIDAY), "23:00", "24:00"));
    }

    @Test
    void aDeviceOnlineSinceBeforeTheHistoryAndStillOnlineCountsThroughout() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        Instant now = today.atTime(LocalTime.NOON).atZone(UTC).toInstant();
        List<Window> always = windows.compute(DeviceState.READY, List.of(), UTC, today, now);
        assertThat(always).hasSize(7).allSatisfy(w -> {
            assertThat(w.from()).isEqualTo("00:00");
            assertThat(w.until()).isEqualTo("24:00");
        });
    }

    @Test
    void noHistoryNoWindows() {
        LocalDate today = LocalDate.of(2026, 11, 24);
        assertThat(windows.compute(DeviceState.OFFLINE, List.of(), UTC, today, Instant.now())).isEmpty();
    }

    @Test
    void refusesNonsenseParameters() {
        assertThatThrownBy(() -> new AvailabilityWindows(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AvailabilityWindows(4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AvailabilityWindows(4, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
