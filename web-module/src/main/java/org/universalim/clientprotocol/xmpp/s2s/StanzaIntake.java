package org.universalim.clientprotocol.xmpp.s2s;

import org.universalim.clientprotocol.connection.BoundedExecutor;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stanzas a remote server sends on one authenticated stream, on their way to the core: from the authenticated
 * domain only and for our domain only ({@link StanzaAddressing}; {@code invalid-from} ends the stream), within the
 * domain's rate (beyond, the stanza waits and nothing more is read until the rate allows it, as Prosody's mod_limits
 * throttles, so a flood costs neither memory nor answers), one at a time in the order sent, reading paused while
 * {@value #PAUSE_AT} wait for the core. The stream is the remote server's connection to us, or ours to it when it
 * asked for a bidirectional stream (XEP-0288). Runs on the connection's event loop, except the core's work.
 */
final class StanzaIntake {

    /** Stanzas waiting for the core at which reading pauses. */
    static final int PAUSE_AT = 8;
    /** How long a stanza over its domain's rate waits before the rate is asked again. */
    static final long THROTTLE_MILLIS = 100;
    private static final Logger LOG = Logger.getLogger(StanzaIntake.class.getName());

    private final S2sChannel channel;
    private final S2sServer server;
    private final String peer;
    private final BoundedExecutor core;
    private final AtomicInteger waiting = new AtomicInteger();

    StanzaIntake(S2sChannel channel, S2sServer server, String peer) {
        this.channel = channel;
        this.server = server;
        this.peer = peer;
        this.core = new BoundedExecutor(1, server::executor);
    }

    /** A stanza read on the stream. */
    void take(XmlElement s) throws XmppStreamException {
        StanzaAddressing.Addressed a;
        try {
            a = StanzaAddressing.check(s, peer, server.domain());
        } catch (XmppStreamException e) {
            if (e.condition() == Condition.INVALID_FROM) {
                LOG.log(Level.WARNING, "s2s: {0} sent a stanza from another domain ({1}): stream ended (invalid-from)",
                        new Object[]{peer, s.attribute("from")});
            }
            throw e;
        }
        if (!server.allow(peer)) {
            throttle(s, a.from(), a.to());
            return;
        }
        toCore(() -> server.dispatch(peer, s, a.from(), a.to()));
    }

    private void throttle(XmlElement s, Jid from, Jid to) {
        channel.hold();
        channel.ctx.executor().schedule(() -> {
            if (channel.ended()) {
                return;
            }
            if (!server.allow(peer)) {
                throttle(s, from, to);
                return;
            }
            toCore(() -> server.dispatch(peer, s, from, to));
            channel.release();
        }, THROTTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void toCore(Runnable work) {
        if (waiting.incrementAndGet() >= PAUSE_AT) {
            channel.paused = true;
            channel.ctx.channel().config().setAutoRead(false);
        }
        core.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "s2s: a stanza of " + peer + " failed", e);
            } finally {
                if (waiting.decrementAndGet() <= 2) {
                    channel.ctx.channel().eventLoop().execute(this::resume);
                }
            }
        });
    }

    /** The core caught up: reading goes on unless something else holds it. */
    private void resume() {
        if (!channel.paused || waiting.get() > 2) {
            return;
        }
        channel.paused = false;
        if (!channel.held) {
            channel.ctx.channel().config().setAutoRead(true);
            channel.read();
        }
    }
}
