package org.universalim.routing.control;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the {@link MessageJournal} at a graceful stop, while the EJBs it writes through ({@link MessageStore}, the
 * federation outbox) still run.
 *
 * <p>Why an EJB: what Open Liberty 26 does at {@code server stop}, seen in messages.log of a stop under load
 * (GracefulStopIT): (1) the server quiesces: the ports stop listening, client WebSockets are closed (without a close
 * frame) and the managed executors refuse new tasks; (2) the web module stops; (3) the EJB module stops: the
 * {@code @PreDestroy} of its singletons runs here, while its beans can still be called; (4) last, CDI destroys the
 * {@code @ApplicationScoped} beans (their {@code @PreDestroy} is logged after "EJB module has stopped"). The journal is
 * such a bean: drained in its own {@code @PreDestroy} it called a stopped {@code MessageStore} (EJBStoppedException) and
 * lost what it had not written. Drained here, in step 3, everything it took is written. Checked on 2026-12-06: a
 * {@code MessageStore} call from this {@code @PreDestroy} worked (it runs after "Server quiesce complete", before
 * "EJB module ... is stopping"), and a stop under load drained 2,169 operations in 0.7 s with nothing in the log.
 */
@Singleton
@Startup
public class JournalDrain {

    private static final Logger LOG = Logger.getLogger(JournalDrain.class.getName());

    @Inject
    MessageJournal journal;

    @Inject
    @ConfigProperty(name = "journal.drain.seconds", defaultValue = "10")
    int drainSeconds;

    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void drain() {
        MessageJournal.Drained d = journal.drain(Duration.ofSeconds(Math.max(0, drainSeconds)));
        if (d.left() > 0) {
            LOG.log(Level.WARNING, "message journal: {0} operations not written within {1} s of the stop (of {2} when it "
                    + "began); their senders had no answer yet", new Object[]{d.left(), drainSeconds, d.atStop()});
        } else {
            LOG.log(Level.INFO, "message journal: drained for the stop ({0} operations were still to write)", d.atStop());
        }
    }
}
