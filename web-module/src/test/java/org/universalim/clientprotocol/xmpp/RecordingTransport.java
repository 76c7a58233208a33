package org.universalim.clientprotocol.xmpp;

import org.universalim.platform.security.ClientOrigin;
import org.universalim.address.UserId;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that writes at once into a list, for tests of the XMPP core without a WebSocket. */
public final class RecordingTransport implements XmppTransport {

    /** What was written, in order; a stream header as {@code header:<id>}, the stream's end as {@code close:<reason>}. */
    public final List<String> written = new CopyOnWriteArrayList<>();
    private final ClientOrigin origin;
    private final int capacity;
    private volatile boolean closing;
    private volatile String aborted;
    private volatile boolean authenticated;

    public RecordingTransport() {
        this(new ClientOrigin("192.0.2.1", false), Integer.MAX_VALUE);
    }

    public RecordingTransport(ClientOrigin origin, int capacity) {
        this.origin = origin;
        this.capacity = capacity;
    }

    /** A bound connection of {@code user} on {@code resource} over a new recording transport. */
    public static XmppConnection bound(String address, String resource) {
        XmppConnection conn = new XmppConnection(new RecordingTransport(), "isp-a-u.example",
                (session, id) -> { }, a -> a + "/phone");
        conn.openStream();
        conn.authenticated(address.substring(0, address.indexOf('@')));
        conn.bound(resource, UserId.parse(address));
        ((RecordingTransport) conn.transport()).written.clear();
        return conn;
    }

    @Override
    public boolean openStream(StreamHeader header) {
        return send("header:" + header.id(), null);
    }

    @Override
    public boolean send(String element, Runnable done) {
        if (closing || written.size() >= capacity) {
            return false;
        }
        written.add(element);
        if (done != null) {
            done.run();
        }
        return true;
    }

    @Override
    public void closeStream(String reason) {
        if (!closing) {
            written.add("close:" + reason);
            closing = true;
        }
    }

    @Override
    public void abort(String reason) {
        closing = true;
        aborted = reason;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public ClientOrigin origin() {
        return origin;
    }

    @Override
    public void authenticated() {
        authenticated = true;
    }

    /** Whether the connection told the transport that its client logged in. */
    public boolean wasAuthenticated() {
        return authenticated;
    }

    public String aborted() {
        return aborted;
    }

    /** The last element written. */
    public String last() {
        return written.isEmpty() ? null : written.get(written.size() - 1);
    }
}
