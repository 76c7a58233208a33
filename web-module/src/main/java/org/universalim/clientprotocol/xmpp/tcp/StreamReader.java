package org.universalim.clientprotocol.xmpp.tcp;

import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.StreamHeader;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.nio.ByteBuffer;

/**
 * What a client sends over one TCP connection, read as an XMPP stream (RFC 6120 section 4): the {@link XmlStreamFramer}
 * cuts it into the header, top-level elements and the end, and the hardened {@link StanzaReader} reads each (no DTD, no
 * entities, the same size, depth and count limits as a WebSocket frame), every element inside the stream's start tag
 * so that it has the namespaces the header declared. The header must be {@code <stream:stream>} of the streams
 * namespace, with the content namespace given ({@code jabber:client} here; {@code jabber:server} for servers).
 */
public final class StreamReader {

    /** What the stream brought. */
    public sealed interface Event permits Opened, Read, Closed {
    }

    public record Opened(StreamHeader header) implements Event {
    }

    public record Read(XmlElement element) implements Event {
    }

    public record Closed() implements Event {
    }

    private static final StanzaReader READER = new StanzaReader();

    private final String contentNamespace;
    private final XmlStreamFramer framer = new XmlStreamFramer(StanzaReader.MAX_STANZA_BYTES, StanzaReader.MAX_DEPTH,
            StanzaReader.MAX_ELEMENTS);
    private String streamStart;
    private String streamEnd;

    public StreamReader(String contentNamespace) {
        this.contentNamespace = contentNamespace;
    }

    /** A new stream begins on the same connection (after STARTTLS, after SASL). */
    public void restart() {
        framer.reset();
        streamStart = null;
        streamEnd = null;
    }

    /**
     * The next event from {@code in} (consumed up to its end), or {@code null} when {@code in} holds no complete one.
     *
     * @throws XmppStreamException what the stream may not hold; nothing more can be read after it
     */
    public Event next(ByteBuffer in) throws XmppStreamException {
        XmlStreamFramer.Frame frame = framer.next(in);
        if (frame == null) {
            return null;
        }
        if (frame instanceof XmlStreamFramer.Header h) {
            return new Opened(header(h));
        }
        if (frame instanceof XmlStreamFramer.Element e) {
            return new Read(READER.readInStream(streamStart, e.xml(), streamEnd));
        }
        return new Closed();
    }

    private StreamHeader header(XmlStreamFramer.Header h) throws XmppStreamException {
        String tag = h.startTag();
        String start = tag.endsWith("/>") ? tag.substring(0, tag.length() - 2) + ">" : tag;
        String end = "</" + h.qname() + ">";
        XmlElement root = READER.read(start.substring(0, start.length() - 1) + "/>");
        if (!root.is("stream", Namespaces.STREAM)) {
            throw new XmppStreamException(Condition.INVALID_NAMESPACE, "the stream is <stream:stream> in " + Namespaces.STREAM);
        }
        // the namespace of what the stream holds: the default namespace the header declared
        XmlElement probe = READER.readInStream(start, "<probe/>", end);
        if (!contentNamespace.equals(probe.namespace())) {
            throw new XmppStreamException(Condition.INVALID_NAMESPACE, "the stream's content namespace is " + contentNamespace);
        }
        streamStart = start;
        streamEnd = end;
        // the sender's domain and the stream id matter between servers (s2s); a client's are not read
        return new StreamHeader(root.attribute("from"), root.attribute("to"), root.attribute("id"), root.attribute("version"),
                root.attribute("xml:lang"));
    }
}
