package org.universalim.clientprotocol.xmpp;

/**
 * A stream header, either way (RFC 6120 section 4.7): the attributes of RFC 7395's {@code <open/>} or of
 * RFC 6120's {@code <stream:stream>}. How it is written and read is the transport's business.
 *
 * @param from    the sender's domain (the server's header), or {@code null}
 * @param to      the domain the client asks for (the client's header), or {@code null}
 * @param id      the stream id the server chose, or {@code null}
 * @param version {@code 1.0}
 * @param lang    the default language, or {@code null}
 */
public record StreamHeader(String from, String to, String id, String version, String lang) {

    /** The header the server answers with: from its domain, a fresh id, version 1.0, English. */
    public static StreamHeader server(String domain, String id) {
        return new StreamHeader(domain, null, id, "1.0", "en");
    }

    /** A client's header. */
    public static StreamHeader client(String to, String version, String lang) {
        return new StreamHeader(null, to, null, version, lang);
    }
}
