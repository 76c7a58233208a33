package org.universalim.archive.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of the message archive (server.xml variables). */
@ApplicationScoped
public class ArchiveSettings {

    @Inject
    @ConfigProperty(name = "archive.retention.days", defaultValue = "0")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "archive.page.max", defaultValue = "100")
    int pageMax;

    @Inject
    @ConfigProperty(name = "archive.retention.check.minutes", defaultValue = "60")
    int retentionCheckMinutes;

    /** How often the retention is applied. */
    public int retentionCheckMinutes() {
        return Math.max(1, retentionCheckMinutes);
    }

    /** Days a delivered message is kept in the history (and the archive); 0 keeps it for ever. */
    public int retentionDays() {
        return retentionDays;
    }

    /** The most messages one archive query answers (the default when the client names none). */
    public int pageMax() {
        return Math.max(1, pageMax);
    }
}
