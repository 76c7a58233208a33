package org.universalim.clientprotocol.xmpp;

/**
 * What a transport tells the XMPP core about its connection, once read and parsed. One per connection,
 * from {@link XmppProtocol#connect}; a transport calls it for one connection at a time, in the order the
 * client sent.
 */
public interface XmppInbound {

    /** The client opened (or, after SASL, restarted) the stream: RFC 7395 {@code <open/>}, RFC 6120 {@code <stream:stream>}. */
    void streamOpened(StreamHeader header);

    /** The client closed the stream: {@code <close/>}, {@code </stream:stream>}. */
    void streamClosed();

    /** A top-level element: a stanza, or a stream-level element such as a SASL {@code <auth/>}. */
    void element(XmlElement element);

    /**
     * The stream ends with this error: what the client sent cannot be read (not well-formed, restricted XML, too
     * big), or a limit the transport keeps was reached (e.g. a log-in deadline: {@code connection-timeout}).
     */
    void failed(XmppStreamException error);

    /** The connection is gone (closed by either side, or broken). */
    void disconnected();
}
