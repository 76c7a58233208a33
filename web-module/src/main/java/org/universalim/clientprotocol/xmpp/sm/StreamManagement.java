package org.universalim.clientprotocol.xmpp.sm;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.stream.StreamElementHandler;
import org.universalim.clientprotocol.xmpp.stream.StreamFeature;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.StreamPositions;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stream management (XEP-0198, {@code urn:xmpp:sm:3}) on the XMPP endpoint: the {@code <sm/>} feature after log-in,
 * {@code <enable/>} (with resumption), the client's {@code <r/>} and {@code <a/>}, and {@code <resume/>} of a session
 * whose link was lost, on this node, within its window. One periodic sweep asks the clients for acknowledgements
 * when due (after {@code xmpp.sm.request.stanzas} stanzas or {@code xmpp.sm.request.millis}) and ends the sessions
 * that waited too long for their resumption. The counting itself is the connection's outlet's.
 *
 * <p>Several nodes: a session can be resumed only on the node that holds it; elsewhere the answer is
 * {@code <failed><item-not-found/></failed>} and the client binds anew, which ends the old session there, whose
 * unacknowledged messages go the R4 way (docs/cluster.md).
 *
 * <p>Where each message stands in a resumable stream is kept durably before it is written ({@link StreamPositions}),
 * so that a {@code <resume/>} of a session this node does not hold (it restarted since, or the session was on
 * another node) still counts: the messages its 'h' covers are delivered to the device, and are not given again; the
 * answer is {@code <failed/>} once that is written (issue 14).
 */
@ApplicationScoped
public class StreamManagement implements StreamFeature, StreamElementHandler {

    /** How often the sessions under stream management are looked at. */
    static final long SWEEP_MILLIS = 100;
    /** How often the positions of streams long over are forgotten. */
    static final long PURGE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest SM-ID kept with a stream's positions (ours have 24 characters). */
    private static final int MAX_ID_LENGTH = 64;

    @Inject
    StreamManagementSettings settings;

    @Inject
    MessageService messages;

    @Inject
    StreamPositions positions;

    @Inject
    Logger log;

    // the container's scheduler
    @Resource(type = ManagedScheduledExecutorService.class)
    ScheduledExecutorService scheduler;

    /** Sessions a client may resume, by SM-ID. */
    private final Map<String, XmppConnection> resumable = new ConcurrentHashMap<>();
    /** Sessions under stream management, until they end. */
    private final Set<XmppConnection> managed = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> sweep;
    private volatile long lastPurge = System.nanoTime();

    // --- the feature

    @Override
    public StreamStage offeredAt() {
        return StreamStage.AUTHENTICATED;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Xml feature(XmppConnection conn) {
        return Xml.element("sm", Namespaces.SM);
    }

    // --- the elements

    @Override
    public String namespace() {
        return Namespaces.SM;
    }

    @Override
    public void handle(XmppConnection conn, XmlElement e) throws XmppStreamException {
        switch (e.name()) {
            case "enable" -> enable(conn, e);
            case "resume" -> resume(conn, e);
            case "r" -> request(conn);
            case "a" -> acknowledgement(conn, e);
            default -> throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE,
                    "<" + e.name() + "/> is not a stream management element");
        }
    }

    private void enable(XmppConnection conn, XmlElement e) {
        if (conn.stage() != StreamStage.BOUND) {
            failed(conn, "unexpected-request", null); // XEP-0198 section 3: after resource binding
            return;
        }
        if (conn.streamManagement().state() != null) {
            failed(conn, "unexpected-request", null); // only once per stream
            return;
        }
        int window = settings.resumeSeconds();
        long asked = UnackedStanzas.parse(e.attribute("max"));
        if (asked > 0) {
            window = (int) Math.min(window, asked);
        }
        boolean resume = isTrue(e.attribute("resume")) && window > 0;
        String id = resume ? newId() : null;
        ManagedStream stream = new ManagedStream(id, window, settings.maxUnacked(), resume ? positionLog(conn, id) : null);
        Xml enabled = Xml.element("enabled", Namespaces.SM).attr("id", id).attr("resume", resume ? "true" : null)
                .attr("max", resume ? window : null);
        if (!conn.streamManagement().manage(stream, enabled.toString())) {
            return;
        }
        managed.add(conn);
        if (id != null) {
            resumable.put(id, conn);
        }
        startSweep();
        log.fine(() -> "xmpp: stream management on " + conn.id() + (resume ? ", resumable for " + stream.windowSeconds() + " s" : ""));
    }

    /** Where the messages of the stream {@code id} of this session stand, kept through {@link StreamPositions}. */
    private PositionLog positionLog(XmppConnection conn, String id) {
        String user = conn.userName();
        String device = conn.device();
        return new PositionLog() {
            @Override
            public CompletableFuture<?> given(String messageId, long position) {
                return logged(positions.given(id, position, messageId, user, device));
            }

            @Override
            public CompletableFuture<?> renumbered(Map<String, Long> numbered) {
                return logged(positions.renumbered(id, user, device, numbered));
            }

            @Override
            public void acknowledged(List<String> messageIds) {
                positions.acknowledged(id, messageIds);
            }
        };
    }

    private CompletableFuture<?> logged(CompletableFuture<?> write) {
        return write.whenComplete((done, failure) -> {
            if (failure != null && !StreamPositions.isStopping(failure)) {
                log.log(Level.WARNING, "xmpp: a stream position was not written; the message is written all the same", failure);
            }
        });
    }

    /** The client asks how many of its stanzas are handled: answered once those it sent are (a message: durable). */
    private void request(XmppConnection conn) {
        ManagedStream stream = conn.streamManagement().state();
        if (stream == null) {
            return; // not enabled: nothing counted, nothing to say
        }
        long h = stream.receivedCount();
        stream.allHandled().thenRun(() -> conn.sendStreamElement(Xml.element("a", Namespaces.SM).attr("h", h).toString()));
    }

    private void acknowledgement(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (conn.streamManagement().state() == null) {
            return;
        }
        long h = UnackedStanzas.parse(e.attribute("h"));
        if (h < 0) {
            throw new XmppStreamException(Condition.INVALID_XML, "<a/> has an 'h' attribute: a whole number from 0 to 4294967295");
        }
        conn.streamManagement().acknowledged(h);
    }

    /**
     * XEP-0198 section 5: an authenticated client takes over its earlier session, which lost its link, on this
     * connection; what the session sent and the client did not handle is sent again.
     */
    private void resume(XmppConnection conn, XmlElement e) throws XmppStreamException {
        if (conn.stage() != StreamStage.AUTHENTICATED) {
            failed(conn, "unexpected-request", null); // after log-in, instead of binding a resource
            return;
        }
        String previd = e.attribute("previd");
        long h = UnackedStanzas.parse(e.attribute("h"));
        if (previd == null || h < 0) {
            failed(conn, "bad-request", null);
            return;
        }
        XmppConnection earlier = resumable.get(previd);
        ManagedStream stream = earlier == null ? null : earlier.streamManagement().state();
        if (earlier != null && !conn.userName().equals(earlier.userName())) {
            failed(conn, "item-not-found", null); // another user's
            return;
        }
        if (stream == null || earlier.isFinished()) {
            // unknown (the server restarted since, or the session was on another node), ended, or timed out: the client
            // binds anew, and what it says it handled of the stream is delivered to it, not given again
            lost(conn, previd, h);
            return;
        }
        int resent;
        try {
            // a stanza the old link is handling now is counted first (the count told the client is then final), and
            // one the old link reads after the move is dropped there: the client sends it again here
            synchronized (earlier.inboundLock()) {
                String resumed = Xml.element("resumed", Namespaces.SM).attr("h", stream.receivedCount()).attr("previd", previd)
                        .toString();
                // a message goes again only if it still waits for this session's acknowledgement: one passed over for
                // another device after its deadline, or back in storage, does not (R4)
                resent = earlier.streamManagement().resumeOn(conn, h, entry -> entry.messageId() == null
                        || messages.awaitsAcknowledgement(earlier, entry.messageId()), resumed);
            }
        } catch (XmppStreamException tooHigh) {
            // the client's count is wrong: neither stream goes on; what the session did not deliver goes the R4 way
            forget(earlier);
            earlier.expire();
            throw tooHigh;
        }
        if (resent < 0) {
            lost(conn, previd, h); // it ended meanwhile
            return;
        }
        log.fine(() -> "xmpp: " + earlier.id() + " resumed, " + resent + " stanzas sent again");
        if (earlier.presence().isAvailable()) {
            // what was stored while the link was lost
            messages.deliverStored(earlier);
        }
    }

    /**
     * A stream no session here holds: the messages of it that {@code h} covers are delivered to the device (written
     * first), then the client is answered {@code <failed/>} (without 'h': the count of its own stanzas is not known
     * after a restart) and binds anew.
     */
    private void lost(XmppConnection conn, String previd, long h) {
        if (previd.length() > MAX_ID_LENGTH) {
            failed(conn, "item-not-found", null); // no SM-ID of ours
            return;
        }
        CompletableFuture<Integer> covered;
        try {
            covered = positions.lost(conn.userName(), previd, h);
        } catch (RuntimeException e) {
            covered = CompletableFuture.failedFuture(e);
        }
        covered.whenComplete((count, failure) -> {
            if (failure != null && StreamPositions.isStopping(failure)) {
                log.fine(() -> "xmpp: what " + conn.id() + " handled of a lost stream was not recorded: the server is stopping");
            } else if (failure != null) {
                log.log(Level.WARNING, "xmpp: what " + conn.id() + " handled of a lost stream was not recorded", failure);
            } else if (count > 0) {
                log.fine(() -> "xmpp: " + count + " messages of a lost stream handled by " + conn.id() + " count as delivered");
            }
            failed(conn, "item-not-found", null);
        });
    }

    private static void failed(XmppConnection conn, String condition, String text) {
        Xml failed = Xml.element("failed", Namespaces.SM).child(Xml.element(condition, Namespaces.STANZA_ERRORS));
        if (text != null) {
            failed.child(Xml.element("text", Namespaces.STANZA_ERRORS).attr("xml:lang", "en").text(text));
        }
        conn.sendStreamElement(failed.toString());
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // --- the sweep

    private void startSweep() {
        if (sweep == null) {
            synchronized (managed) {
                if (sweep == null) {
                    sweep = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    void sweep() {
        long now = System.nanoTime();
        for (XmppConnection conn : managed) {
            try {
                ManagedStream stream = conn.streamManagement().state();
                if (conn.isFinished() || stream == null) {
                    forget(conn);
                    if (stream != null && stream.resumable() && conn.closedByClientStream()) {
                        positions.ended(stream.id()); // ended cleanly: not to be resumed
                    }
                } else if (stream.isDetached()) {
                    if (stream.expired(now)) {
                        log.fine(() -> "xmpp: " + conn.id() + " not resumed within " + stream.windowSeconds() + " s");
                        forget(conn);
                        conn.expire();
                        positions.ended(stream.id());
                    }
                } else {
                    conn.streamManagement().requestAcknowledgementIfDue(now, settings.requestStanzas(), settings.requestNanos());
                }
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "stream management of " + conn.id() + " failed", e);
            }
        }
        if (now - lastPurge >= PURGE_NANOS) {
            lastPurge = now;
            purgePositions();
        }
    }

    /** Forgets the positions of streams over for long (twice the longest resumption window, and a minute). */
    private void purgePositions() {
        try {
            int purged = positions.purge(Duration.ofSeconds(2L * settings.resumeSeconds() + 60));
            if (purged > 0) {
                log.fine(() -> "xmpp: forgot " + purged + " positions of streams over");
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "xmpp: stream positions not purged", e);
        }
    }

    private void forget(XmppConnection conn) {
        managed.remove(conn);
        ManagedStream stream = conn.streamManagement().state();
        if (stream != null && stream.id() != null) {
            resumable.remove(stream.id(), conn);
        }
    }

    /** Sessions under stream management on this node (metrics, tests). */
    public int size() {
        return managed.size();
    }

    @PreDestroy
    void stopSweep() {
        ScheduledFuture<?> s = sweep;
        if (s != null) {
            s.cancel(false);
        }
    }
}
