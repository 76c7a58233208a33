package org.universalim.clientprotocol.xmpp.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.universalim.clientprotocol.connection.BoundedExecutor;
import org.universalim.clientprotocol.connection.RateLimiter;
import org.universalim.clientprotocol.connection.Watched;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.XmppInbound;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's TCP connection to the c2s ports (docs/xmpp-tcp.md): reads the stream ({@link StreamReader}), answers the
 * first stream itself on the STARTTLS port until TLS is up ({@link StartTlsStream}), and from then on hands what the
 * client sent to the XMPP core through its {@link XmppInbound}, the same core as the WebSocket door's.
 *
 * <p>Threads: this handler runs on the connection's Netty event loop, which reads, parses and writes but never waits;
 * the core (log-in, database, EJB calls) runs on the managed executor, one task at a time per connection and in the
 * order the client sent ({@link BoundedExecutor} of one). When {@value #PAUSE_AT} elements wait for the core, reading
 * stops (the rest of the input stays in the kernel and the client's socket) until they fall to {@value #RESUME_AT}.
 *
 * <p>The connection's rate (docs/security.md) slows the client down, as ejabberd's shapers and Prosody's mod_limits do:
 * an element over the rate waits here, reading stops, and both go on, on the event loop, when the rate has a token again
 * (a scheduled task; no thread waits). Nothing is refused: what the client sends meanwhile stays in its socket.
 */
final class C2sConnection extends ChannelInboundHandlerAdapter {

    /** Elements waiting for the core at which reading pauses, and at which it resumes. */
    static final int PAUSE_AT = 8;
    static final int RESUME_AT = 2;

    private static final Logger LOG = Logger.getLogger(C2sConnection.class.getName());

    private enum Phase { PLAIN, HANDSHAKE, CORE, DONE }

    private final C2sListener.Doors doors;
    private final boolean directTls;
    private final StreamReader reader = new StreamReader(Namespaces.CLIENT);
    private final Deque<ByteBuf> input = new ArrayDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private BoundedExecutor core;
    private ChannelHandlerContext ctx;
    private TcpTransport transport;
    private XmppInbound inbound;
    private StartTlsStream plain;
    private Watched watched;
    private Phase phase;
    private volatile boolean paused;
    private RateLimiter rate;
    /** An element read over the connection's rate, waiting for a token; reading stops meanwhile. */
    private Runnable throttled;

    C2sConnection(C2sListener.Doors doors, boolean directTls) {
        this.doors = doors;
        this.directTls = directTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        ctx = context;
        core = new BoundedExecutor(1, doors::executor);
        rate = doors.limits().newRateLimiter();
        String address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        transport = new TcpTransport(ctx.channel(), address, doors.limits().outboundMax(), core);
        plain = new StartTlsStream(doors.domain(), transport);
        phase = directTls ? Phase.HANDSHAKE : Phase.PLAIN;
        watched = doors.watch().open(address, why -> ctx.channel().eventLoop().execute(() -> expired(why)));
        if (watched == null) {
            refuse();
            return;
        }
        transport.watchedBy(watched);
        transport.onRestart(reader::restart);
        inbound = doors.protocol().connect(transport);
        ctx.fireChannelActive();
    }

    /** The address holds its share of connections not logged in (docs/security.md). */
    private void refuse() {
        phase = Phase.DONE;
        if (directTls) {
            ctx.close(); // before any handshake: costs nothing
        } else {
            plain.fail(new XmppStreamException(Condition.POLICY_VIOLATION,
                    "too many connections from your address are not logged in: log in on one of them, or try again later"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || phase == Phase.DONE || transport.isClosing()) {
            ReferenceCountUtil.release(msg); // a stream that ended: what still comes is dropped
            return;
        }
        watched.active(System.nanoTime());
        input.add(bytes);
        read();
    }

    /** Reads what came until it is consumed, the stream ends, the core has enough waiting, or the rate is spent. */
    private void read() {
        while (!input.isEmpty() && !paused && throttled == null && phase != Phase.DONE && phase != Phase.HANDSHAKE
                && !transport.isClosing()) {
            ByteBuf bytes = input.peek();
            if (!bytes.isReadable()) {
                input.poll().release();
                continue;
            }
            ByteBuffer view = bytes.nioBuffer(bytes.readerIndex(), bytes.readableBytes());
            StreamReader.Event event = null;
            XmppStreamException error = null;
            try {
                event = reader.next(view);
            } catch (XmppStreamException e) {
                error = e;
            }
            bytes.skipBytes(view.position());
            if (error != null) {
                failed(error);
                break;
            }
            if (event != null) {
                handle(event);
            }
        }
        if (phase == Phase.DONE || transport.isClosing()) {
            drop();
        }
    }

    private void handle(StreamReader.Event event) {
        if (phase == Phase.CORE) {
            Runnable work;
            if (event instanceof StreamReader.Opened o) {
                work = () -> inbound.streamOpened(o.header());
            } else if (event instanceof StreamReader.Read r) {
                work = () -> inbound.element(r.element());
            } else {
                work = inbound::streamClosed;
            }
            if (rate.tryAcquire(System.nanoTime())) {
                toCore(work);
            } else {
                throttle(work);
            }
            return;
        }
        try {
            if (event instanceof StreamReader.Opened o) {
                plain.opened(o.header());
            } else if (event instanceof StreamReader.Read r) {
                if (plain.element(r.element()) == StartTlsStream.Next.START_TLS) {
                    startTls();
                }
            } else {
                transport.closeStream("stream closed");
            }
        } catch (XmppStreamException e) {
            failed(e);
        }
    }

    /** STARTTLS (RFC 6120 5.4.3.3): TLS begins after {@code <proceed/>}; what the client sent before it is dropped. */
    private void startTls() {
        SSLContext tls;
        try {
            tls = doors.tls();
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "STARTTLS refused: {0}", e.getMessage());
            plain.cannotStartTls();
            return;
        }
        // plaintext that followed <starttls/> must never count as sent inside TLS (no command injection)
        drop();
        reader.restart();
        transport.newStream();
        phase = Phase.HANDSHAKE;
        ctx.pipeline().addFirst("tls", new SslHandler(ServerEngines.c2s(tls), true));
        plain.proceed();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                phase = phase == Phase.HANDSHAKE ? Phase.CORE : phase;
                read();
            } else {
                LOG.log(Level.FINE, "TLS handshake failed: {0}", String.valueOf(done.cause()));
                phase = Phase.DONE;
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** A limit of the connection watch was reached: the log-in deadline, or the idle time-out. */
    private void expired(Watched.Expiry why) {
        XmppStreamException error = new XmppStreamException(Condition.CONNECTION_TIMEOUT, why == Watched.Expiry.LOGIN_DEADLINE
                ? "not logged in within " + doors.limits().loginDeadlineSeconds() + " s"
                : "idle for " + doors.limits().idleTimeoutMillis() / 1000 + " s");
        failed(error);
    }

    /** The stream ends with this error: the transport's own before TLS, the core's after. */
    private void failed(XmppStreamException error) {
        Phase was = phase;
        phase = Phase.DONE;
        drop();
        switch (was) {
            case PLAIN -> plain.fail(error);
            case CORE -> toCore(() -> inbound.failed(error));
            default -> ctx.close(); // in a TLS handshake, or over: nothing can be said
        }
    }

    /** Hands work to the core, in order; pauses reading while enough waits. */
    private void toCore(Runnable work) {
        if (waiting.incrementAndGet() >= PAUSE_AT) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
        core.execute(() -> {
            try {
                work.run();
            } finally {
                if (waiting.decrementAndGet() <= RESUME_AT && paused) {
                    ctx.channel().eventLoop().execute(this::resume);
                }
            }
        });
    }

    private void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        read();
        if (!paused && throttled == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Over the connection's rate: {@code work} waits for the next token, and nothing more is read until then. */
    private void throttle(Runnable work) {
        throttled = work;
        ctx.channel().config().setAutoRead(false);
        ctx.channel().eventLoop().schedule(this::unthrottle, rate.nanosUntilToken(System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The rate has a token again (or nearly: then it waits on): the element goes to the core, and reading goes on. */
    private void unthrottle() {
        Runnable work = throttled;
        if (work == null || phase == Phase.DONE || transport.isClosing()) {
            throttled = null;
            return;
        }
        long now = System.nanoTime();
        if (!rate.tryAcquire(now)) {
            ctx.channel().eventLoop().schedule(this::unthrottle, rate.nanosUntilToken(now), TimeUnit.NANOSECONDS);
            return;
        }
        throttled = null;
        toCore(work);
        read();
        if (!paused && throttled == null && phase != Phase.DONE) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void drop() {
        ByteBuf b;
        while ((b = input.poll()) != null) {
            b.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        phase = Phase.DONE;
        drop();
        if (transport != null) {
            transport.closed();
        }
        doors.watch().closed(watched);
        watched = null;
        XmppInbound gone = inbound;
        if (gone != null) {
            // after what the client sent before leaving; the clean-ups of all connections one at a time
            core.execute(() -> doors.cleanUps().execute(gone::disconnected));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.log(Level.FINE, "c2s connection failed", cause);
        context.close();
    }

    /** The server stops. */
    void shutdown() {
        if (transport != null) {
            transport.shutdown();
        }
    }
}
