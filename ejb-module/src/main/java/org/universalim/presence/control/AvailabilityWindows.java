package org.universalim.presence.control;

import org.universalim.presence.entity.DeviceState;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The availability indicator of R7: when a device is usually reachable, from its presence history.
 *
 * <p>Method. The day is cut into 15-minute slots in the user's time zone. For each of the last
 * {@code weeks} weeks (the {@code 7 * weeks} days before today, so each weekday is seen {@code weeks}
 * times) a slot counts when the device was reachable (ready, busy or away: connected and not
 * do-not-disturb) at the slot's middle. A slot whose count reaches {@code threshold * weeks} belongs to
 * the device's windows; adjacent slots merge. Slots are local wall-clock times, so a user who is online
 * 09:00-17:00 keeps that window across daylight-saving changes; a slot that does not exist on a
 * spring-forward day counts as not reachable, and on a fall-back day the first occurrence is used.
 */
public final class AvailabilityWindows {

    public static final int SLOT_MINUTES = 15;
    private static final int SLOTS_PER_DAY = 24 * 60 / SLOT_MINUTES;

    private final int weeks;
    private final double threshold;

    public AvailabilityWindows(int weeks, double threshold) {
        if (weeks < 1) {
            throw new IllegalArgumentException("at least one week of history");
        }
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException("the threshold is a fraction in (0, 1]");
        }
        this.weeks = weeks;
        this.threshold = threshold;
    }

    public int weeks() {
        return weeks;
    }

    public double threshold() {
        return threshold;
    }

    /** The first instant of history the computation looks at. */
    public Instant historyStart(LocalDate today, ZoneId zone) {
        return today.minusDays(7L * weeks).atStartOfDay(zone).toInstant();
    }

    /**
     * @param initial  the device's state at {@link #historyStart} (OFFLINE when unknown)
     * @param changes  the device's history after that instant, oldest first
     * @param today    today in the user's zone; the days before it are examined
     * @param now      the present; a device still online is counted up to now
     */
    public List<Window> compute(DeviceState initial, List<StateChange> changes, ZoneId zone, LocalDate today, Instant now) {
        Timeline timeline = new Timeline(historyStart(today, zone), initial, changes, now);
        Map<DayOfWeek, int[]> counts = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            counts.put(d, new int[SLOTS_PER_DAY]);
        }
        for (LocalDate day = today.minusDays(7L * weeks); day.isBefore(today); day = day.plusDays(1)) {
            int[] slots = counts.get(day.getDayOfWeek());
            for (int slot = 0; slot < SLOTS_PER_DAY; slot++) {
                LocalDateTime middle = day.atStartOfDay().plusMinutes((long) slot * SLOT_MINUTES + SLOT_MINUTES / 2)
                        .plusSeconds(30);
                if (zone.getRules().getValidOffsets(middle).isEmpty()) {
                    continue; // a wall-clock time skipped by a daylight-saving change
                }
                Instant at = ZonedDateTime.ofLocal(middle, zone, null).toInstant();
                if (timeline.reachableAt(at)) {
                    slots[slot]++;
                }
            }
        }
        double needed = threshold * weeks;
        List<Window> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            int[] slots = counts.get(d);
            int start = -1;
            for (int slot = 0; slot <= SLOTS_PER_DAY; slot++) {
                boolean in = slot < SLOTS_PER_DAY && slots[slot] >= needed - 1e-9;
                if (in && start < 0) {
                    start = slot;
                } else if (!in && start >= 0) {
                    windows.add(new Window(d, start * SLOT_MINUTES, slot * SLOT_MINUTES));
                    start = -1;
                }
            }
        }
        return windows;
    }

    /** Groups windows with the same hours into spans of days, in weekday order of their first day. */
    public static List<WindowSpan> group(List<Window> windows) {
        Map<String, List<DayOfWeek>> byHours = new LinkedHashMap<>();
        windows.stream()
                .sorted((a, b) -> a.fromMinute() != b.fromMinute() ? Integer.compare(a.fromMinute(), b.fromMinute())
                        : a.day().compareTo(b.day()))
                .forEach(w -> byHours.computeIfAbsent(w.from() + "-" + w.until(), k -> new ArrayList<>()).add(w.day()));
        List<WindowSpan> spans = new ArrayList<>();
        byHours.forEach((hours, days) -> {
            String[] fromUntil = hours.split("-");
            spans.add(new WindowSpan(days.stream().sorted().toList(), fromUntil[0], fromUntil[1]));
        });
        return spans;
    }

    /** A device's reachability over time, for point queries in increasing order. */
    private static final class Timeline {
        private final List<Instant> starts = new ArrayList<>();
        private final List<Instant> ends = new ArrayList<>();

        Timeline(Instant from, DeviceState initial, List<StateChange> changes, Instant now) {
            Instant openSince = reachable(initial) ? from : null;
            for (StateChange c : changes) {
                boolean in = reachable(c.state());
                if (in && openSince == null) {
                    openSince = c.at().isBefore(from) ? from : c.at();
                } else if (!in && openSince != null) {
                    add(openSince, c.at());
                    openSince = null;
                }
            }
            if (openSince != null) {
                add(openSince, now);
            }
        }

        private void add(Instant start, Instant end) {
            if (end.isAfter(start)) {
                starts.add(start);
                ends.add(end);
            }
        }

        boolean reachableAt(Instant t) {
            int lo = 0;
            int hi = starts.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (starts.get(mid).isAfter(t)) {
                    hi = mid - 1;
                } else if (!ends.get(mid).isAfter(t)) {
                    lo = mid + 1;
                } else {
                    return true;
                }
            }
            return false;
        }

        private static boolean reachable(DeviceState s) {
            return s == DeviceState.READY || s == DeviceState.BUSY || s == DeviceState.AWAY;
        }
    }
}
