package org.universalim.clientprotocol.xmpp;

import org.universalim.clientprotocol.xmpp.sm.ManagedStream;
import org.universalim.clientprotocol.xmpp.sm.UnackedStanzas;

import java.util.ArrayList;
import java.util.List;
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
        if (!transport.send(stanza, null)) {
            return transport.isClosing() ? Outcome.KEPT : Outcome.NOT_READING;
        }
        return Outcome.SENT;
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
        if (managed != null && !ended && !managed.isDetached() && !transport.isClosing()
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
        next.send(resumed, null);
        List<UnackedStanzas.Entry> again = managed.unacked().pending();
        for (UnackedStanzas.Entry e : again) {
            next.send(e.stanza(), null);
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
