package org.universalim.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.routing.control.HandledCount;
import org.universalim.routing.control.MessageJournal;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.entity.StreamPosition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where each message stands in the outbound stream of a resumable XMPP stream management session (XEP-0198), kept
 * durably through the message journal before the message is written to the session (issue 14). A {@code <resume/>}
 * the server cannot honour (it restarted since, or the session was on a node that died) still says how many stanzas
 * the client handled: the messages of that stream it covers are delivered to the device (their senders are told, as
 * of a late acknowledgement), and are not given again; the others go the usual way.
 *
 * <p>Bounded: a stream's positions are forgotten when the client acknowledged them (a few at a time), when its
 * session ends cleanly or its resumption window passes, when a lost stream's are used, and in any case after
 * {@link #purge}'s age.
 */
@ApplicationScoped
public class StreamPositions {

    @Inject
    MessageJournal journal;

    @EJB
    MessageStore store;

    @Inject
    DeviceFallback fallback;

    // the container's executor
    @Resource(type = ManagedScheduledExecutorService.class)
    Executor executor;

    /** A message is about to be written to {@code stream} as its stanza number {@code position}: completes once durable. */
    public CompletableFuture<Void> given(String stream, long position, String messageId, String user, String device) {
        return journal.given(new StreamPosition(messageId, stream, position, user, device, Instant.now()));
    }

    /**
     * A stream was resumed and its stanzas numbered again (what no longer waited for it was taken out): these messages
     * stand at these positions now, and the stream's other positions are forgotten. Completes once durable.
     */
    public CompletableFuture<Void> renumbered(String stream, String user, String device, Map<String, Long> positions) {
        CompletableFuture<Void> last = journal.forgetPositions(stream, null);
        Instant now = Instant.now();
        for (Map.Entry<String, Long> p : positions.entrySet()) {
            // one journal, written in order: the last future completes after the others
            last = journal.given(new StreamPosition(p.getKey(), stream, p.getValue(), user, device, now));
        }
        return last;
    }

    /** The client acknowledged these messages of the stream: their positions are of no more use. */
    public void acknowledged(String stream, List<String> messageIds) {
        if (!messageIds.isEmpty()) {
            journal.forgetPositions(stream, messageIds);
        }
    }

    /** The stream's session ended cleanly, or was not resumed in time: its positions are forgotten. */
    public void ended(String stream) {
        journal.forgetPositions(stream, null);
    }

    /**
     * A client resumes a stream no session here holds any more (the server restarted, the session was on another node,
     * or it ended): {@code h}, the count of the stanzas it handled, covers messages of the stream that are then
     * delivered to the device they were given to (their senders told); the stream's positions are forgotten.
     * Completes, with how many messages were covered, once that is durable.
     */
    public CompletableFuture<Integer> lost(String user, String stream, long h) {
        return CompletableFuture.supplyAsync(() -> store.positions(stream, user), executor).thenCompose(rows -> {
            List<StreamPosition> covered = HandledCount.covered(rows, h);
            if (rows.isEmpty()) {
                return CompletableFuture.completedFuture(0);
            }
            CompletableFuture<Void> acknowledged = covered.isEmpty() ? CompletableFuture.completedFuture(null)
                    : fallback.acknowledgedWithoutSession(user, covered.get(0).device(), covered.stream().map(StreamPosition::messageId).toList());
            return acknowledged.thenCompose(done -> journal.forgetPositions(stream, null)).thenApply(done -> covered.size());
        });
    }

    /** Whether a write failed because the server is stopping (nothing to report: the stop is under way). */
    public static boolean isStopping(Throwable failure) {
        return MessageJournal.isStopping(failure);
    }

    /** Forgets the positions given longer ago than {@code age} (their sessions are over by then); how many. */
    public int purge(Duration age) {
        return store.purgePositions(Instant.now().minus(age));
    }
}
