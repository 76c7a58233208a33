package org.universalim.clientprotocol.xmpp.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import org.universalim.clientprotocol.connection.Watched;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppTransport;
import org.universalim.platform.security.ClientOrigin;
import org.universalim.registration.control.ChannelBinding;

import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * XMPP over TCP (RFC 6120) under one client connection, the writing side: the stream header is
 * {@code <stream:stream>} with the {@code jabber:client} and streams namespaces, the stream ends with
 * {@code </stream:stream>}, and every element the core gives goes out as it is. Writes are queued on the Netty channel
 * (any thread may write; none waits), at most {@code outboundMax} at a time: a client that does not read is dropped. A
 * stream that ends closes gracefully: the end tag, TLS's close_notify, the TCP half-close, and the connection closed
 * once the client closes its side or after {@link #LINGER_SECONDS}, so the client reads the last stream error.
 */
public final class TcpTransport implements XmppTransport {

    /** How long a closed stream waits for the client to close its side before the connection is dropped. */
    static final long LINGER_SECONDS = 2;

    private final Channel channel;
    private final String address;
    private final int outboundMax;
    private final Executor callbacks;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean opened;
    private volatile Watched watched;
    private volatile Runnable restart = () -> { };

    /**
     * @param callbacks where the {@code written} callbacks run: never on the event loop, as they may reach the
     *                  routing core
     */
    TcpTransport(Channel channel, String address, int outboundMax, Executor callbacks) {
        this.channel = channel;
        this.address = address;
        this.outboundMax = outboundMax;
        this.callbacks = callbacks;
    }

    void watchedBy(Watched watch) {
        this.watched = watch;
    }

    /** What to do when the client logged in: the stream restarts (RFC 6120 6.4.6), so its parser starts over. */
    void onRestart(Runnable action) {
        this.restart = action;
    }

    /** The opening tag of the server's stream (RFC 6120 4.7), with the namespaces every element then inherits. */
    static String streamStart(StreamHeader header) {
        String empty = Xml.element("stream:stream").attr("xmlns", Namespaces.CLIENT).attr("xmlns:stream", Namespaces.STREAM)
                .attr("from", header.from()).attr("to", header.to()).attr("id", header.id()).attr("version", header.version())
                .attr("xml:lang", header.lang()).toString();
        return "<?xml version='1.0'?>" + empty.substring(0, empty.length() - 2) + ">";
    }

    /** A stream error as an element, for the streams the transport answers itself (before TLS, refused ones). */
    static String streamError(XmppStreamException error) {
        return Xml.element("stream:error").attr("xmlns:stream", Namespaces.STREAM)
                .child(Xml.element(error.condition().element(), Namespaces.STREAM_ERRORS))
                .child(error.getMessage() == null ? null : Xml.element("text", Namespaces.STREAM_ERRORS).attr("xml:lang", "en")
                        .text(error.getMessage())).toString();
    }

    // --- XmppTransport

    @Override
    public boolean openStream(StreamHeader header) {
        opened = true;
        return send(streamStart(header), null);
    }

    @Override
    public boolean send(String element, Runnable written) {
        if (closing) {
            return false;
        }
        if (pending.incrementAndGet() > outboundMax) {
            pending.decrementAndGet();
            return false;
        }
        Watched w = watched;
        if (w != null) {
            w.active(System.nanoTime());
        }
        channel.writeAndFlush(Unpooled.copiedBuffer(element, StandardCharsets.UTF_8)).addListener((ChannelFuture f) -> {
            pending.decrementAndGet();
            if (!f.isSuccess()) {
                abort("write failed");
            } else if (written != null) {
                callbacks.execute(written);
            }
        });
        return true;
    }

    @Override
    public void closeStream(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        channel.writeAndFlush(Unpooled.copiedBuffer("</stream:stream>", StandardCharsets.UTF_8))
                .addListener(f -> linger());
    }

    @Override
    public void abort(String reason) {
        closing = true;
        channel.close();
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    /** The TCP peer's address (no proxy protocol), and whether TLS is up. */
    @Override
    public ClientOrigin origin() {
        return new ClientOrigin(address, secure());
    }

    /** {@code tls-server-end-point} (RFC 5929): the hash of the certificate we presented on this connection. */
    @Override
    public Optional<ChannelBinding> channelBinding() {
        if (!secure()) {
            return Optional.empty();
        }
        Certificate[] ours = channel.pipeline().get(SslHandler.class).engine().getSession().getLocalCertificates();
        if (ours == null || ours.length == 0 || !(ours[0] instanceof X509Certificate cert)) {
            return Optional.empty();
        }
        return Optional.ofNullable(ChannelBinding.tlsServerEndPoint(cert));
    }

    @Override
    public void authenticated() {
        Watched w = watched;
        if (w != null) {
            w.authenticated();
        }
        // before <success/> is written: the client's next bytes are a new stream
        channel.eventLoop().execute(restart);
    }

    // --- for the connection

    /** Whether TLS is negotiated on the connection. */
    boolean secure() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().isSuccess();
    }

    /** Whether the server's stream header is written. */
    boolean isOpened() {
        return opened;
    }

    /** Ends the stream the transport opened itself (before TLS, or a refusal): the error, the end tag, the close. */
    void failStream(StreamHeader header, XmppStreamException error) {
        if (closing) {
            return;
        }
        if (!opened) {
            openStream(header);
        }
        send(streamError(error), null);
        closeStream(error.condition().element());
    }

    /** A new stream inside TLS after STARTTLS: the server's header is to be written again. */
    void newStream() {
        opened = false;
    }

    /** The client's side is gone: nothing more is written. */
    void closed() {
        closing = true;
    }

    /** The server stops: a stream that is open ends with {@code system-shutdown}, then the connection closes. */
    void shutdown() {
        if (closing) {
            return;
        }
        if (opened) {
            send(streamError(new XmppStreamException(XmppStreamException.Condition.SYSTEM_SHUTDOWN, "the server is stopping")), null);
            closeStream("system-shutdown");
        } else {
            abort("system-shutdown");
        }
    }

    private void linger() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        ChannelFuture notified = tls != null && tls.handshakeFuture().isSuccess() ? tls.closeOutbound() : channel.newSucceededFuture();
        notified.addListener(f -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
            }
            channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        });
    }
}
