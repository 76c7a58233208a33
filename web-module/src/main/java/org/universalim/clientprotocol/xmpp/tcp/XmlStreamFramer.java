package org.universalim.clientprotocol.xmpp.tcp;

import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Cuts the bytes of an XML stream (RFC 6120 section 4, over TCP: one document whose root, {@code <stream:stream>}, stays
 * open) into its parts as they arrive: the stream header, each top-level element, the stream's end. It reads markup
 * only (tags, quoted attribute values, CDATA), byte by byte, keeping no more than the element under way; each part is
 * then parsed by the hardened {@code StanzaReader}, with the stream's namespaces. What it refuses at once, before
 * buffering it: a document type declaration or any {@code <!} other than CDATA ({@code restricted-xml}, so the billion
 * laughs never reach a parser), a comment, a processing instruction other than the XML declaration, text at the stream
 * level, an element over {@code maxElementBytes} or nested deeper than {@code maxDepth}, more than {@code maxElements}
 * elements in one ({@code policy-violation}). Not thread-safe: one per connection, fed in order. Reusable for
 * server-to-server streams.
 */
public final class XmlStreamFramer {

    /** A part of the stream. */
    public sealed interface Frame permits Header, Element, End {
    }

    /** The stream's start tag as sent, and its qualified name (for the end tag). */
    public record Header(String startTag, String qname) implements Frame {
    }

    /** One complete top-level element (a stanza, or a stream-level element such as SASL's {@code <auth/>}). */
    public record Element(String xml) implements Frame {
    }

    /** {@code </stream:stream>}: the client closed its stream. */
    public record End() implements Frame {
    }

    /** Largest stream header accepted. */
    static final int MAX_HEADER_BYTES = 4096;
    /** Largest XML declaration accepted. */
    static final int MAX_DECLARATION_BYTES = 256;

    private enum State { TEXT, LT, START_TAG, QUOTED, END_TAG, BANG, CDATA_OPENING, CDATA, DECLARATION }

    private static final byte[] CDATA_OPEN = "[CDATA[".getBytes(StandardCharsets.US_ASCII);

    private final int maxElementBytes;
    private final int maxDepth;
    private final int maxElements;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final StringBuilder name = new StringBuilder();

    private State state;
    private int depth;
    private int elements;
    private byte quote;
    private boolean slash;
    private boolean naming;
    private int matched;
    private boolean contentSeen;
    private String streamName;
    private boolean ended;
    private boolean endPending;

    /**
     * @param maxElementBytes largest top-level element, in bytes (XEP-0205: 65,536 here)
     * @param maxDepth        deepest nesting of elements within a top-level element, itself included
     * @param maxElements     most elements within one top-level element, itself included
     */
    public XmlStreamFramer(int maxElementBytes, int maxDepth, int maxElements) {
        this.maxElementBytes = maxElementBytes;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        reset();
    }

    /** A new stream starts (after STARTTLS, after SASL): an XML declaration and a stream header are expected again. */
    public void reset() {
        state = State.TEXT;
        depth = 0;
        elements = 0;
        buffer.reset();
        name.setLength(0);
        contentSeen = false;
        streamName = null;
        ended = false;
        endPending = false;
    }

    /** Whether the stream has ended; later bytes are ignored. */
    public boolean ended() {
        return ended;
    }

    /**
     * Reads from {@code in} until a part is complete, and returns it ({@code in}'s position just after it), or
     * returns {@code null} once {@code in} is consumed without completing one (what was read is kept).
     *
     * @throws XmppStreamException what the stream may not hold; the stream cannot go on after it
     */
    public Frame next(ByteBuffer in) throws XmppStreamException {
        if (endPending) {
            endPending = false;
            ended = true;
            return new End();
        }
        while (in.hasRemaining()) {
            if (ended) {
                in.position(in.limit());
                return null;
            }
            Frame frame = take(in.get());
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    private Frame take(byte b) throws XmppStreamException {
        if (buffering()) {
            buffer.write(b);
            int limit = depth == 0 ? MAX_HEADER_BYTES : maxElementBytes;
            if (buffer.size() > limit) {
                throw new XmppStreamException(Condition.POLICY_VIOLATION, depth == 0 ? "the stream header is too long"
                        : "a stanza has at most " + maxElementBytes + " bytes");
            }
        }
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    if (depth <= 1) {
                        buffer.reset();
                        buffer.write(b);
                    }
                    state = State.LT;
                } else if (depth <= 1 && !whitespace(b)) {
                    throw new XmppStreamException(Condition.NOT_WELL_FORMED, depth == 0 ? "this is not an XML stream"
                            : "text is allowed only inside a stanza");
                }
            }
            case LT -> lessThan(b);
            case START_TAG -> {
                return startTag(b);
            }
            case QUOTED -> {
                if (b == quote) {
                    state = State.START_TAG;
                }
            }
            case END_TAG -> {
                return endTag(b);
            }
            case BANG -> bang(b);
            case CDATA_OPENING -> {
                if (b != CDATA_OPEN[matched]) {
                    throw new XmppStreamException(Condition.RESTRICTED_XML, "a document type declaration is not allowed");
                }
                if (++matched == CDATA_OPEN.length) {
                    matched = 0;
                    state = State.CDATA;
                }
            }
            case CDATA -> {
                if (b == ']') {
                    matched = Math.min(matched + 1, 2);
                } else if (b == '>' && matched == 2) {
                    matched = 0;
                    state = State.TEXT;
                } else {
                    matched = 0;
                }
            }
            case DECLARATION -> declaration(b);
            default -> throw new IllegalStateException(state.name());
        }
        return null;
    }

    /** The bytes of the stream header or of a top-level element under way are kept. */
    private boolean buffering() {
        return state != State.TEXT || depth >= 2;
    }

    private void lessThan(byte b) throws XmppStreamException {
        switch (b) {
            case '/' -> {
                name.setLength(0);
                state = State.END_TAG;
            }
            case '!' -> {
                if (depth <= 1) {
                    // no DOCTYPE before the stream, no CDATA, comment or declaration between stanzas
                    throw new XmppStreamException(Condition.RESTRICTED_XML, depth == 0
                            ? "a document type declaration is not allowed" : "only stanzas are allowed between stanzas");
                }
                state = State.BANG;
            }
            case '?' -> {
                if (depth > 0 || contentSeen) {
                    throw new XmppStreamException(Condition.RESTRICTED_XML, "processing instructions are not allowed");
                }
                contentSeen = true;
                state = State.DECLARATION;
            }
            default -> {
                if (whitespace(b) || b == '>') {
                    throw new XmppStreamException(Condition.NOT_WELL_FORMED, "not well-formed XML");
                }
                contentSeen = true;
                if (depth >= 1) {
                    elements = depth == 1 ? 1 : elements + 1;
                    if (elements > maxElements) {
                        throw new XmppStreamException(Condition.POLICY_VIOLATION, "too many elements in one stanza");
                    }
                    if (depth > maxDepth) {
                        throw new XmppStreamException(Condition.POLICY_VIOLATION, "elements nested too deep");
                    }
                }
                name.setLength(0);
                name.append((char) (b & 0xFF));
                naming = true;
                slash = false;
                state = State.START_TAG;
            }
        }
    }

    private Frame startTag(byte b) throws XmppStreamException {
        if (naming) {
            if (whitespace(b) || b == '/' || b == '>') {
                naming = false;
            } else if (name.length() < 256) {
                name.append((char) (b & 0xFF));
                return null;
            }
        }
        if (b == '"' || b == '\'') {
            quote = b;
            slash = false;
            state = State.QUOTED;
            return null;
        }
        if (b != '>') {
            slash = b == '/';
            return null;
        }
        state = State.TEXT;
        if (depth == 0) {
            streamName = name.toString();
            depth = 1;
            Header header = new Header(text(), streamName);
            endPending = slash; // <stream:stream/>: opened and closed at once
            return header;
        }
        if (slash) {
            return depth == 1 ? element() : null;
        }
        depth++;
        return null;
    }

    private Frame endTag(byte b) throws XmppStreamException {
        if (b != '>') {
            if (!whitespace(b) && name.length() < 256) {
                name.append((char) (b & 0xFF));
            }
            return null;
        }
        state = State.TEXT;
        if (depth <= 1) {
            if (depth == 0 || !name.toString().equals(streamName)) {
                throw new XmppStreamException(Condition.NOT_WELL_FORMED, "an end tag that closes nothing");
            }
            buffer.reset();
            ended = true;
            return new End();
        }
        depth--;
        return depth == 1 ? element() : null;
    }

    private void bang(byte b) throws XmppStreamException {
        if (b == '[') {
            matched = 1;
            state = State.CDATA_OPENING;
        } else if (b == '-') {
            throw new XmppStreamException(Condition.RESTRICTED_XML, "comments are not allowed");
        } else {
            throw new XmppStreamException(Condition.RESTRICTED_XML, "a document type declaration is not allowed");
        }
    }

    /** {@code <?xml version='1.0' encoding='UTF-8'?>} at the start of the stream, and no other processing instruction. */
    private void declaration(byte b) throws XmppStreamException {
        if (buffer.size() > MAX_DECLARATION_BYTES) {
            throw new XmppStreamException(Condition.POLICY_VIOLATION, "the XML declaration is too long");
        }
        if (b != '>') {
            return;
        }
        String text = text();
        if (!text.endsWith("?>")) {
            return;
        }
        state = State.TEXT;
        buffer.reset();
        String body = text.substring(2, text.length() - 2);
        if (!body.startsWith("xml") || body.length() < 4 || !Character.isWhitespace(body.charAt(3))) {
            throw new XmppStreamException(Condition.RESTRICTED_XML, "processing instructions are not allowed");
        }
        String lower = body.toLowerCase(Locale.ROOT).replace(" ", "");
        int at = lower.indexOf("encoding=");
        if (at >= 0 && !lower.startsWith("utf-8", at + 10)) {
            throw new XmppStreamException(Condition.NOT_WELL_FORMED, "an XMPP stream is UTF-8");
        }
    }

    private Element element() throws XmppStreamException {
        Element element = new Element(text());
        buffer.reset();
        return element;
    }

    /** The kept bytes as text; not UTF-8 is not well-formed (RFC 6120 11.6). */
    private String text() throws XmppStreamException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buffer.toByteArray()));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new XmppStreamException(Condition.NOT_WELL_FORMED, "the stream is not UTF-8");
        }
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
