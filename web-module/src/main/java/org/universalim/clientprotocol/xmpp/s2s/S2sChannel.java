package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.tcp.StreamReader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What both ends of a server-to-server connection share (RFC 6120): the stream is read with the hardened
 * {@link StreamReader} in {@code jabber:server} (no DTD, no entities, 65,536 bytes, 24 levels per stanza), the stream
 * headers and errors are written here, and a stream that ends is closed within {@value #CLOSE_SECONDS} s. Runs on the
 * connection's event loop; never blocks.
 */
abstract class S2sChannel extends ChannelInboundHandlerAdapter {

    static final String SERVER = "jabber:server";
    static final String DIALBACK = "jabber:server:dialback";
    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** The stream feature of Server Dialback (XEP-0220 2.4), with dialback errors understood. */
    static final String DIALBACK_FEATURE = "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback>";
    static final long CLOSE_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(S2sChannel.class.getName());

    final StreamReader reader = new StreamReader(SERVER);
    private final Deque<ByteBuf> input = new ArrayDeque<>();
    ChannelHandlerContext ctx;
    private boolean ended;
    /** Reading waits (a TLS handshake, a dialback verification, the domain's rate). */
    boolean held;
    /** Reading waits for the core to catch up. */
    boolean paused;

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || ended) {
            ReferenceCountUtil.release(msg);
            return;
        }
        input.add(bytes);
        read();
    }

    /** Reads what came until it is consumed, the stream ends or reading is held. */
    final void read() {
        while (!input.isEmpty() && !held && !paused && !ended) {
            ByteBuf bytes = input.peek();
            if (!bytes.isReadable()) {
                input.poll().release();
                continue;
            }
            ByteBuffer view = bytes.nioBuffer(bytes.readerIndex(), bytes.readableBytes());
            StreamReader.Event event;
            try {
                event = reader.next(view);
            } catch (XmppStreamException e) {
                bytes.skipBytes(view.position());
                fail(e);
                return;
            }
            bytes.skipBytes(view.position());
            if (event != null) {
                try {
                    handle(event);
                } catch (XmppStreamException e) {
                    fail(e);
                    return;
                }
            }
        }
        if (ended) {
            drop();
        }
    }

    abstract void handle(StreamReader.Event event) throws XmppStreamException;

    /** Stops reading the connection (nothing more is taken from the socket) until {@link #release}. */
    final void hold() {
        held = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Reads again: what waited first. */
    final void release() {
        held = false;
        if (!paused) {
            ctx.channel().config().setAutoRead(true);
        }
        read();
    }

    /** Drops what was read but not parsed (the plaintext after {@code <starttls/>}, a stream that ended). */
    final void drop() {
        ByteBuf b;
        while ((b = input.poll()) != null) {
            b.release();
        }
    }

    final ChannelFuture write(String xml) {
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** A stream header of ours (RFC 6120 4.7), with the dialback namespace declared as servers expect. */
    final ChannelFuture openStream(String from, String to, String id) {
        Xml header = Xml.element("stream:stream").attr("xmlns", SERVER).attr("xmlns:stream", Namespaces.STREAM)
                .attr("xmlns:db", DIALBACK).attr("from", from).attr("to", to).attr("id", id).attr("version", "1.0")
                .attr("xml:lang", "en");
        String open = header.toString();
        // an empty element printed as <stream:stream .../>: the header stays open
        open = open.endsWith("/>") ? open.substring(0, open.length() - 2) + ">" : open.substring(0, open.indexOf('>') + 1);
        return write("<?xml version='1.0'?>" + open);
    }

    /** A dialback element ({@code db:result} or {@code db:verify}) with a type, written with its namespace. */
    final void writeDialback(String name, String from, String to, String id, String type) {
        write(Xml.element("db:" + name).attr("xmlns:db", DIALBACK).attr("from", from).attr("to", to).attr("id", id)
                .attr("type", type).toString());
    }

    /** Ends the stream with an error (RFC 6120 4.9), then the connection. Nothing internal is said. */
    final void fail(XmppStreamException error) {
        if (ended) {
            return;
        }
        LOG.log(Level.FINE, "s2s stream error {0}: {1}", new Object[]{error.condition().element(), error.getMessage()});
        Xml element = Xml.element("stream:error").attr("xmlns:stream", Namespaces.STREAM)
                .child(Xml.element(error.condition().element(), Namespaces.STREAM_ERRORS))
                .child(Xml.element("text", Namespaces.STREAM_ERRORS).attr("xml:lang", "en").text(error.getMessage()));
        if (!streamOpen()) {
            openStream(localDomain(), null, null);
        }
        write(element.toString());
        end();
    }

    /** Ends the stream cleanly: {@code </stream:stream>}, then the connection within a bound. */
    final void end() {
        if (ended) {
            return;
        }
        ended = true;
        drop();
        stopped();
        write("</stream:stream>").addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.close(), CLOSE_SECONDS, TimeUnit.SECONDS);
    }

    final boolean ended() {
        return ended;
    }

    /**
     * Writes stanzas to {@code remote} on this stream in order (any thread); the future completes once the last is
     * written, or fails with an {@link OutgoingSession.Failure}.
     */
    final void send(java.util.List<String> stanzas, java.util.concurrent.CompletableFuture<Void> written, String remote) {
        ctx.channel().eventLoop().execute(() -> {
            if (ended || !ctx.channel().isActive()) {
                written.completeExceptionally(new OutgoingSession.Failure(false, "remote-server-timeout",
                        "the connection to " + remote + " closed"));
                return;
            }
            ChannelFuture last = null;
            for (String stanza : stanzas) {
                last = ctx.write(Unpooled.wrappedBuffer(stanza.getBytes(StandardCharsets.UTF_8)));
            }
            ctx.flush();
            if (last == null) {
                written.complete(null);
                return;
            }
            last.addListener(f -> {
                if (f.isSuccess()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(new OutgoingSession.Failure(false, "remote-server-timeout",
                            "writing to " + remote + " failed"));
                }
            });
        });
    }

    /** The server stops: the stream ends with {@code system-shutdown}. */
    abstract void shutdown();

    /** Whether our stream header went out (a stream error goes inside a stream). */
    abstract boolean streamOpen();

    abstract String localDomain();

    /** The stream is over (called once, on the event loop). */
    void stopped() {
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        boolean was = ended;
        ended = true;
        drop();
        if (!was) {
            stopped();
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.log(Level.FINE, "s2s connection failed", cause);
        context.close();
    }
}
