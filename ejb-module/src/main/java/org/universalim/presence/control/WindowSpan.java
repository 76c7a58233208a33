package org.universalim.presence.control;

import java.time.DayOfWeek;
import java.util.List;

/** Windows with the same hours on several days, as a person reads them: Mon-Fri 09:00-17:00. */
public record WindowSpan(List<DayOfWeek> days, String from, String until) {

    public WindowSpan {
        days = List.copyOf(days);
    }
}
