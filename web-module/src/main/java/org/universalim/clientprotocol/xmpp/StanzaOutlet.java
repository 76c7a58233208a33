package org.universalim.clientprotocol.xmpp;

import org.universalim.clientprotocol.xmpp.sm.ManagedStream;
import org.universalim.clientprotocol.xmpp.sm.PositionLog;
import org.universalim.clientprotocol.xmpp.sm.UnackedStanzas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The one way out for the stanzas of a connection ({@code <message/>}, {@code <presence/>}, {@code <iq/>}), onto
 * its current transport; stream-level elements (features, SASL, stream errors) go to the transport directly.
 *
 * <p>Without stream management a stanza counts as handled once it has been written. With it (XEP-0198, from
 * {@link #manage}), every stanza is counted and kept until the client acknowledges it ({@link #acknowledge}),
 * and a stanza counts as handled only then; while the link is lost the stanzas are kept for a resumed stream,
 * which is handed the new transport and sent again what the client did not acknowledge ({@link #resume}).
 * Everything here happens under the outlet's lock, so that the order on the wire is the order counted.
 *
 * <p>On a resumable stream a message is written only once its position in the stream is durable
 * ({@link PositionLog}, issue 14); the stanzas counted after it wait for it, in their order ({@link #held}).
 */
final class StanzaOutlet {

    /** What became of a stanza. */
    enum Outcome {
        /** Written (or queued to be) to the client. */
        SENT,
        /** Kept for a resumed stream: the link is lost. */
        KEPT,
        /** Not taken: the stream has ended. */
        CLOSED,
        /** Not taken: the transport's queue is full (the client does not read). */
        NOT_READING,
        /** Not taken: the client left too many stanzas unacknowledged. */
        OVERFLOW
    }

    private XmppTransport transport;
    private ManagedStream managed;
    private boolean ended;
    /**
     * Stanzas counted and not yet written, in their order: a message waits until its position is durable, and every
     * stanza after it waits for it. What is held when the link is lost stays in the unacknowledged stanzas, for a
     * resumed stream to send again.
     */
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    /** A stanza held; {@code ready} (if not null) completes once it may be written. */
    private record Held(String stanza, CompletableFuture<?> ready) {
    }

    StanzaOutlet(XmppTransport transport) {
        this.transport = transport;
    }

    synchronized XmppTransport transport() {
        return transport;
    }

    synchronized ManagedStream managed() {
        return managed;
    }

    /**
     * Queues a stanza.
     *
     * @param messageId the routing core's id when it is a message it handed over, else {@code null}
     * @param handled   run once the stanza is handled by the client (written, or acknowledged under stream
     *                  management); may be {@code null}
     */
    synchronized Outcome send(String stanza, String messageId, Runnable handled) {
        if (ended) {
            return Outcome.CLOSED;
        }
        if (managed == null) {
            if (transport.isClosing()) {
                return Outcome.CLOSED;
            }
            return transport.send(stanza, handled) ? Outcome.SENT : transport.isClosing() ? Outcome.CLOSED : Outcome.NOT_READING;
        }
        long now = System.nanoTime();
        if (!managed.unacked().add(new UnackedStanzas.Entry(stanza, messageId, handled), now)) {
            return Outcome.OVERFLOW;
        }
        if (managed.isDetached() || transport.isClosing()) {
            return Outcome.KEPT;
        }
        PositionLog positions = managed.positions();
        if (messageId != null && positions != null) {
            // its place in the stream is durable before the client can handle it
            hold(stanza, positions.given(messageId, managed.unacked().sent()));
            return flushHeld() ? Outcome.SENT : Outcome.NOT_READING;
        }
        if (!held.isEmpty()) {
            held.addLast(new Held(stanza, null));
            return Outcome.SENT;
        }
        if (!transport.send(stanza, null)) {
            return transport.isClosing() ? Outcome.KEPT : Outcome.NOT_READING;
        }
        return Outcome.SENT;
    }

    private void hold(String stanza, CompletableFuture<?> ready) {
        held.addLast(new Held(stanza, ready));
        if (!ready.isDone()) {
            // a position that could not be written does not hold the stream up: written as before (logged there)
            ready.whenComplete((done, failure) -> flushLater());
        }
    }

    /** Writes the held stanzas that may go now, in order; false when the client does not read them. */
    private synchronized boolean flushHeld() {
        while (!held.isEmpty()) {
            Held next = held.peekFirst();
            if (next.ready() != null && !next.ready().isDone()) {
                return true;
            }
            held.pollFirst();
            if (ended || managed == null || managed.isDetached() || transport.isClosing()) {
                continue; // kept with the unacknowledged stanzas: a resumed stream sends it again
            }
            if (!transport.send(next.stanza(), null) && !transport.isClosing()) {
                held.clear();
                return false;
            }
        }
        return true;
    }

    /** A held message's position is durable: what may go now is written (the journal's thread). */
    private void flushLater() {
        XmppTransport t;
        synchronized (this) {
            if (flushHeld()) {
                return;
            }
            ended = true;
            t = transport;
        }
        t.abort("the client does not read its stanzas");
    }

    /** Writes a stream-level element to the current transport. */
    synchronized boolean sendStreamElement(String element) {
        return !transport.isClosing() && transport.send(element, null);
    }

    /**
     * Stream management starts: {@code enabled} is written and the stanzas after it are counted (XEP-0198 section 4:
     * the server's count starts once it has sent {@code <enabled/>}).
     */
    synchronized boolean manage(ManagedStream stream, String enabled) {
        if (managed != null || ended || !transport.send(enabled, null)) {
            return false;
        }
        managed = stream;
        return true;
    }

    /**
     * The client acknowledged {@code h} stanzas.
     *
     * @return the stanzas it had not acknowledged before, whose {@code handled} actions are to be run by the caller
     *         (outside this lock)
     */
    synchronized List<UnackedStanzas.Entry> acknowledge(long h) throws UnackedStanzas.TooHigh {
        List<UnackedStanzas.Entry> done = managed.unacked().acknowledge(h);
        for (UnackedStanzas.Entry e : done) {
            if (e.messageId() != null) {
                managed.acknowledged(e.messageId());
            }
        }
        return done;
    }

    /** Asks the client for an acknowledgement when one is due ({@link UnackedStanzas#requestDue}). */
    synchronized void requestIfDue(long now, int afterStanzas, long afterNanos, String request) {
        // not while stanzas wait to be written: the request would not cover them, and none would follow for them
        if (managed != null && !ended && !managed.isDetached() && !transport.isClosing() && held.isEmpty()
                && managed.unacked().requestDue(now, afterStanzas, afterNanos) && transport.send(request, null)) {
            managed.unacked().requested();
        }
    }

    /** What a lost transport means for the session. */
    enum Lost {
        /** The session went on over another transport meanwhile (it was resumed): nothing. */
        MOVED_ON,
        /** The session waits for its resumption. */
        WAITING,
        /** The session ends. */
        ENDS
    }

    /** The transport {@code lost} is gone: whether the session now waits for a resumption, ends, or had moved on. */
    synchronized Lost detach(XmppTransport lost, long now) {
        if (lost != transport) {
            return Lost.MOVED_ON;
        }
        if (managed == null || !managed.resumable() || ended) {
            ended = true;
            return Lost.ENDS;
        }
        managed.detached(now);
        return Lost.WAITING;
    }

    /**
     * Resumes the stream on {@code next}: the client handled {@code h} stanzas; {@code resumed} is written, then the
     * stanzas it did not acknowledge that still {@code matter}, in their order, and from then on everything goes to
     * {@code next}.
     *
     * @return the stanzas the client acknowledged with {@code h} (their {@code handled} actions are the caller's),
     *         or {@code null} when the session cannot be resumed any more (it ended)
     * @throws UnackedStanzas.TooHigh when {@code h} counts more than was sent
     */
    synchronized Resumption resume(XmppTransport next, long h, Predicate<UnackedStanzas.Entry> matter, String resumed)
            throws UnackedStanzas.TooHigh {
        if (ended || managed == null) {
            return null;
        }
        List<UnackedStanzas.Entry> acknowledged = acknowledge(h);
        managed.unacked().retain(matter, System.nanoTime());
        XmppTransport previous = transport;
        transport = next;
        managed.attached();
        held.clear(); // all in the stanzas sent again
        next.send(resumed, null);
        List<UnackedStanzas.Entry> again = managed.unacked().pending();
        PositionLog positions = managed.positions();
        if (positions == null) {
            for (UnackedStanzas.Entry e : again) {
                next.send(e.stanza(), null);
            }
        } else {
            // what no longer waited for this stream was taken out: the messages sent again have new numbers, durable
            // before they are written (and the stream's older positions are forgotten)
            Map<String, Long> numbered = new LinkedHashMap<>();
            long count = managed.unacked().acknowledgedCount();
            for (UnackedStanzas.Entry e : again) {
                count = UnackedStanzas.next(count);
                if (e.messageId() != null) {
                    numbered.put(e.messageId(), count);
                }
            }
            CompletableFuture<?> ready = positions.renumbered(numbered);
            for (UnackedStanzas.Entry e : again) {
                if (held.isEmpty()) {
                    hold(e.stanza(), ready);
                } else {
                    held.addLast(new Held(e.stanza(), null));
                }
            }
            flushHeld();
        }
        return new Resumption(previous, acknowledged, again.size());
    }

    /** What a resumption did: the transport it left, the stanzas acknowledged, how many were sent again. */
    record Resumption(XmppTransport previous, List<UnackedStanzas.Entry> acknowledged, int resent) {
    }

    /** The session is over: nothing more is sent or kept. */
    synchronized void end() {
        ended = true;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Whether the link is lost and the session waits for a resumption. */
    synchronized boolean detached() {
        return managed != null && managed.isDetached() && !ended;
    }

    /** Whether stream management is on and this session's client acknowledged that message already. */
    synchronized boolean wasAcknowledged(String messageId) {
        return managed != null && managed.wasAcknowledged(messageId);
    }

    /** The stanzas not acknowledged (tests, logs). */
    synchronized List<UnackedStanzas.Entry> unacknowledged() {
        return managed == null ? List.of() : new ArrayList<>(managed.unacked().pending());
    }
}
