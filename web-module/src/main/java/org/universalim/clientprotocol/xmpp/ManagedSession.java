package org.universalim.clientprotocol.xmpp;

import org.universalim.clientprotocol.xmpp.sm.ManagedStream;
import org.universalim.clientprotocol.xmpp.sm.UnackedStanzas;

import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Stream management (XEP-0198) of one {@link XmppConnection}, as {@code sm/StreamManagement} and the protocol drive
 * it: enabling, the counts both ways, acknowledgements, a lost link ({@link #endsWithout}) and the resumption on a new
 * connection's transport ({@link #resumeOn}). The state is the connection's {@link StanzaOutlet}'s, under its lock.
 */
public final class ManagedSession {

    private final XmppConnection conn;
    private final StanzaOutlet outlet;

    ManagedSession(XmppConnection conn, StanzaOutlet outlet) {
        this.conn = conn;
        this.outlet = outlet;
    }

    /** Starts stream management: {@code enabled} is sent and the stanzas after it are counted. */
    public boolean manage(ManagedStream stream, String enabled) {
        return outlet.manage(stream, enabled);
    }

    /** The stream management state, or {@code null} when it is not enabled. */
    public ManagedStream state() {
        return outlet.managed();
    }

    /** One more stanza of the client was handled (counted under stream management). */
    public void stanzaReceived() {
        ManagedStream m = outlet.managed();
        if (m != null) {
            synchronized (outlet) {
                m.received();
            }
        }
    }

    /** The stanza being handled is handled once {@code done} completes (see {@link XmppSession#handledWhen}). */
    void handledWhen(CompletionStage<?> done) {
        ManagedStream m = outlet.managed();
        if (m != null) {
            synchronized (outlet) {
                m.handledWhen(done);
            }
        }
    }

    /**
     * The client acknowledged {@code h} stanzas: those it had not acknowledged before count as handled now (a
     * message: delivered).
     *
     * @throws XmppStreamException when it acknowledged more than it was sent
     */
    public void acknowledged(long h) throws XmppStreamException {
        try {
            XmppConnection.runHandled(conn.id(), outlet.acknowledge(h));
        } catch (UnackedStanzas.TooHigh e) {
            throw handledCountTooHigh(e);
        }
    }

    static XmppStreamException handledCountTooHigh(UnackedStanzas.TooHigh e) {
        return new XmppStreamException(XmppStreamException.Condition.UNDEFINED_CONDITION,
                "you acknowledged " + e.h() + " stanzas, but only " + e.sent() + " were sent",
                Xml.element("handled-count-too-high", Namespaces.SM).attr("h", e.h()).attr("send-count", e.sent()));
    }

    /** Asks the client for an acknowledgement when one is due. */
    public void requestAcknowledgementIfDue(long now, int afterStanzas, long afterNanos) {
        outlet.requestIfDue(now, afterStanzas, afterNanos, Xml.element("r", Namespaces.SM).toString());
    }

    /**
     * The transport {@code lost} is gone without the stream's end (a lost link): a resumable session waits for its
     * client (XEP-0198 section 5); any other is to end now, and the method answers true. A session that went on over
     * another transport meanwhile (resumed while its old connection was still closing) is not touched.
     */
    public boolean endsWithout(XmppTransport lost) {
        return outlet.detach(lost, System.nanoTime()) == StanzaOutlet.Lost.ENDS;
    }

    /** The current transport is gone (see {@link #endsWithout}): whether the session waits for a resumption. */
    public boolean detach() {
        return outlet.detach(outlet.transport(), System.nanoTime()) == StanzaOutlet.Lost.WAITING;
    }

    /** Whether the link is lost and the session waits for a resumption. */
    public boolean isDetached() {
        return outlet.detached();
    }

    /**
     * Resumes this session on {@code fresh}'s transport (XEP-0198 section 5): the client handled {@code h}
     * stanzas; {@code resumed} is sent, then what the client did not acknowledge and that still {@code matters},
     * and {@code fresh}'s transport carries this session from now on. A transport this session still had is
     * ended with {@code conflict}.
     *
     * @return how many stanzas were sent again, or -1 when this session ended meanwhile (it cannot be resumed)
     * @throws XmppStreamException when {@code h} counts more than was sent
     */
    public int resumeOn(XmppConnection fresh, long h, Predicate<UnackedStanzas.Entry> matters, String resumed)
            throws XmppStreamException {
        StanzaOutlet.Resumption done;
        try {
            done = outlet.resume(fresh.transport(), h, matters, resumed);
        } catch (UnackedStanzas.TooHigh e) {
            throw handledCountTooHigh(e);
        }
        if (done == null) {
            return -1;
        }
        fresh.handOver(conn);
        XmppTransport previous = done.previous();
        if (!previous.isClosing()) {
            // RFC 6120 4.9.3.3, XEP-0198 section 5: the older stream of a resumed session ends with conflict
            previous.send(XmppConnection.streamError(new XmppStreamException(XmppStreamException.Condition.CONFLICT,
                    "the session was resumed on another stream")), null);
            previous.closeStream("conflict");
        }
        XmppConnection.runHandled(conn.id(), done.acknowledged());
        return done.resent();
    }
}
