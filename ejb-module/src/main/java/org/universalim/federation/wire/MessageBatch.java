package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Messages from the sender's users to the receiver's users, in order. Answered with a {@link MessageBatchResponse}. */
@XmlRootElement(name = "messageBatch")
public class MessageBatch extends Request {

    @XmlElement(name = "message", required = true)
    public List<Message> messages = new ArrayList<>();

    /** One message, with its globally unique id. */
    @XmlType(name = "", propOrder = {"body", "extensions"})
    public static class Message {
        /** The text; absent for a message of extension elements alone (a chat state, a marker). */
        @XmlElement
        public String body;

        /** The extension elements (only to a peer listing the capability {@code message-extensions}). */
        @XmlElement
        public ExtensionsInfo extensions;

        /** The device (resource) it was sent from (only to a peer listing {@code message-extensions}). */
        @XmlAttribute
        public String fromResource;

        /**
         * The resource the message was addressed to: only for a client's own error message (RFC 6121 8.5: one to a bare
         * JID is ignored) to an XMPP server over s2s; never sent to a peer ISP.
         */
        @XmlAttribute
        public String toResource;

        /** The sending client's own id of the message (only to a peer listing {@code message-extensions}). */
        @XmlAttribute
        public String stanzaId;

        @XmlAttribute(required = true)
        public String id;

        @XmlAttribute(required = true)
        public String from;

        @XmlAttribute(required = true)
        public String to;

        @XmlAttribute(required = true)
        public String application;

        @XmlAttribute(required = true)
        public int securityLevel;

        @XmlAttribute(required = true)
        @XmlJavaTypeAdapter(InstantAdapter.class)
        public Instant sentAt;
    }
}
