package org.universalim.clientprotocol.xmpp.sm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The stream management (XEP-0198) state of one client session, from {@code <enabled/>} to its end, across the
 * transports it is resumed on: the stanzas sent and not acknowledged ({@link UnackedStanzas}), the count of the
 * client's stanzas handled ('h'), whether and how long it may be resumed, and since when its link is gone.
 * Guarded by its connection's outlet.
 */
public final class ManagedStream {

    /** Message ids a session's client acknowledged, remembered so that a message offered again is not shown twice. */
    static final int REMEMBERED_ACKNOWLEDGEMENTS = 256;

    /** Acknowledged messages whose positions are forgotten together, this many at a time. */
    static final int FORGOTTEN_TOGETHER = 128;

    private final String id;
    private final PositionLog positions;
    private final List<String> acknowledgedPositions = new ArrayList<>();
    private final long windowNanos;
    private final int windowSeconds;
    private final UnackedStanzas unacked;
    private final Map<String, Boolean> acknowledgedIds = new LinkedHashMap<>(32, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_ACKNOWLEDGEMENTS;
        }
    };
    private volatile long received;
    private volatile CompletableFuture<?> handling = CompletableFuture.completedFuture(null);
    private volatile long detachedAt;
    private volatile boolean detached;

    /**
     * @param id            the SM-ID a client resumes with, or {@code null} when the stream cannot be resumed
     * @param windowSeconds how long after its link is lost the session may be resumed
     * @param capacity      the most stanzas kept unacknowledged
     */
    public ManagedStream(String id, int windowSeconds, int capacity) {
        this(id, windowSeconds, capacity, null);
    }

    /**
     * @param positions where the stream's messages stand is kept there before they are written (a resumable stream),
     *                  or {@code null}
     */
    public ManagedStream(String id, int windowSeconds, int capacity, PositionLog positions) {
        this.id = id;
        this.positions = id == null ? null : positions;
        this.windowSeconds = id == null ? 0 : windowSeconds;
        this.windowNanos = this.windowSeconds * 1_000_000_000L;
        this.unacked = new UnackedStanzas(capacity);
    }

    public String id() {
        return id;
    }

    public boolean resumable() {
        return id != null;
    }

    public int windowSeconds() {
        return windowSeconds;
    }

    public UnackedStanzas unacked() {
        return unacked;
    }

    // --- what the client sent

    /** One more stanza of the client handled. */
    public void received() {
        received = UnackedStanzas.next(received);
    }

    /** The client's stanzas handled so far ('h' of our {@code <a/>} and {@code <resumed/>}). */
    public long receivedCount() {
        return received;
    }

    /**
     * The stanza just received is handled only when {@code done} completes (a message: once it is durable), so an
     * acknowledgement asked for after it waits for that.
     */
    public void handledWhen(CompletionStage<?> done) {
        CompletableFuture<?> next = done.toCompletableFuture();
        handling = handling.isDone() ? next : CompletableFuture.allOf(handling, next);
    }

    /** Completes once every stanza received so far is handled (a failure counts as handled: it was answered). */
    public CompletionStage<?> allHandled() {
        return handling.handle((done, failure) -> null);
    }

    // --- acknowledged message ids

    public void acknowledged(String messageId) {
        acknowledgedIds.put(messageId, Boolean.TRUE);
        if (positions != null) {
            acknowledgedPositions.add(messageId);
            if (acknowledgedPositions.size() >= FORGOTTEN_TOGETHER) {
                positions.acknowledged(List.copyOf(acknowledgedPositions));
                acknowledgedPositions.clear();
            }
        }
    }

    /** Where this stream's messages stand is kept durably ({@link PositionLog}), or {@code null}: not resumable. */
    public PositionLog positions() {
        return positions;
    }

    /** Whether this session's client acknowledged that message already. */
    public boolean wasAcknowledged(String messageId) {
        return acknowledgedIds.containsKey(messageId);
    }

    // --- the link

    /** The link is gone; the session waits for a resumption. */
    public void detached(long now) {
        detached = true;
        detachedAt = now;
    }

    public void attached() {
        detached = false;
    }

    public boolean isDetached() {
        return detached;
    }

    /** Whether the session has waited for its resumption for longer than its window. */
    public boolean expired(long now) {
        return detached && now - detachedAt >= windowNanos;
    }
}
