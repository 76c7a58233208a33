package org.universalim.clientprotocol.xmpp;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.universalim.clientprotocol.websocket.FrameShaper;
import org.universalim.clientprotocol.websocket.OutboundQueue;
import org.universalim.clientprotocol.websocket.SocketCloser;
import org.universalim.clientprotocol.connection.Watched;
import org.universalim.platform.security.ClientOrigin;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * XMPP over WebSocket (RFC 7395) under one connection: every frame is one complete element, read with the
 * hardened {@link StanzaReader}; the stream is opened and closed with {@code <open/>} and {@code <close/>} of
 * the framing namespace; frames are written one asynchronous write at a time through the session's
 * {@link OutboundQueue}. With {@link XmppEndpoint}, the only code of the XMPP side that sees the WebSocket API.
 * No container thread waits here on a client: what a frame produces is written once the frame is handled, and
 * the socket is closed by the {@link SocketCloser}, off the caller's thread (docs/security.md).
 */
public final class WebSocketTransport implements XmppTransport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());
    private static final StanzaReader READER = new StanzaReader();

    private final Session socket;
    private final OutboundQueue outbound;
    private final XmppInbound inbound;
    private volatile boolean closing;
    private volatile SocketCloser closer;
    private volatile Watched watched;
    private volatile FrameShaper shaper;

    /**
     * @param connect makes the XMPP connection over this transport ({@link XmppProtocol#connect})
     */
    public WebSocketTransport(Session socket, int outboundMax, Function<XmppTransport, XmppInbound> connect) {
        this.socket = socket;
        this.outbound = new OutboundQueue(socket.getAsyncRemote(), outboundMax, failure -> abort("write failed"));
        this.inbound = connect.apply(this);
    }

    /**
     * Closes through {@code socketCloser} (never on the caller's thread) and reports log-in and activity to
     * {@code watch} (the log-in deadline, the idle time-out and the count of sockets not logged in).
     */
    void attach(SocketCloser socketCloser, Watched watch) {
        this.closer = socketCloser;
        this.watched = watch;
        if (watch != null) {
            outbound.onActivity(() -> watch.active(System.nanoTime()));
        }
    }

    /** A client frame is being handled: what it produces is written once it is handled (see {@link OutboundQueue}). */
    void holdWrites() {
        outbound.hold();
        Watched w = watched;
        if (w != null) {
            w.active(System.nanoTime());
        }
    }

    void releaseWrites(Executor executor) {
        outbound.release(executor);
    }

    /** The connection's deadline passed (log-in deadline or idle time-out): the stream ends with this error. */
    void expired(XmppStreamException error) {
        inbound.failed(error);
    }

    // --- reading

    /** Frames go through {@code frames}: at the connection's rate, in order (docs/security.md). */
    void shapedBy(FrameShaper frames) {
        this.shaper = frames;
    }

    /** A whole text frame from the client: read now, or once the connection's rate allows it. */
    void frame(String text) {
        shaper.received(text);
    }

    /** The client sent more over its rate than may wait: the stream ends with {@code policy-violation}. */
    void overflowed() {
        inbound.failed(new XmppStreamException(XmppStreamException.Condition.POLICY_VIOLATION,
                "too many stanzas waiting: slow down"));
    }

    /** One whole text frame from the client, at the connection's rate. */
    public void received(String frame) {
        if (closing) {
            return;
        }
        XmlElement element;
        try {
            element = READER.read(frame);
        } catch (XmppStreamException e) {
            inbound.failed(e);
            return;
        }
        if (element.is("open", Namespaces.FRAMING)) {
            inbound.streamOpened(StreamHeader.client(element.attribute("to"), element.attribute("version"),
                    element.attribute("xml:lang")));
        } else if (element.is("close", Namespaces.FRAMING)) {
            inbound.streamClosed();
        } else {
            inbound.element(element);
        }
    }

    /** The WebSocket is closed (by the client, or the network): nothing more is written. */
    void closed() {
        closing = true;
        endFrames();
        outbound.close();
    }

    /** Frames still waiting for the rate are not read. */
    private void endFrames() {
        FrameShaper s = shaper;
        if (s != null) {
            s.end();
        }
    }

    /** The WebSocket is closed: the XMPP session ends. */
    public void disconnected() {
        inbound.disconnected();
    }

    // --- writing

    @Override
    public boolean openStream(StreamHeader header) {
        return send(Xml.element("open", Namespaces.FRAMING).attr("from", header.from()).attr("to", header.to())
                .attr("id", header.id()).attr("version", header.version()).attr("xml:lang", header.lang()).toString(), null);
    }

    @Override
    public boolean send(String element, Runnable written) {
        return !closing && outbound.offer(element, written);
    }

    @Override
    public void closeStream(String reason) {
        closeGracefully(CloseReason.CloseCodes.NORMAL_CLOSURE, reason);
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void authenticated() {
        Watched w = watched;
        if (w != null) {
            w.authenticated();
        }
    }

    /** Where the client connects from (recorded at the WebSocket handshake). */
    @Override
    public ClientOrigin origin() {
        return socket.getUserProperties().get(ClientOrigin.PROPERTY) instanceof ClientOrigin o ? o : ClientOrigin.UNKNOWN;
    }

    // --- closing

    /** Sends {@code <close/>} and closes the WebSocket once it is written. */
    void closeGracefully(CloseReason.CloseCode code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        boolean queued = outbound.offer(Xml.element("close", Namespaces.FRAMING).toString(), () -> closeSocket(code, reason));
        if (!queued) {
            closeSocket(code, reason);
        }
    }

    /** Closes at once, telling nothing (the connection is broken or refused). */
    @Override
    public void abort(String reason) {
        closing = true;
        outbound.close();
        closeSocket(CloseReason.CloseCodes.GOING_AWAY, reason);
    }

    /** Closes the WebSocket, soon and on another thread (a close on the container can wait; see {@link SocketCloser}). */
    void closeSocket(CloseReason.CloseCode code, String reason) {
        closing = true;
        endFrames();
        outbound.close();
        SocketCloser c = closer;
        if (c != null) {
            c.close(socket, code, reason);
            return;
        }
        try {
            if (socket.isOpen()) {
                socket.close(new CloseReason(code, reason == null ? "" : reason.length() > 100 ? reason.substring(0, 100) : reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "close of " + socket.getId() + " failed", e);
        }
    }
}
