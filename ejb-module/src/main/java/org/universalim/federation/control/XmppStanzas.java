package org.universalim.federation.control;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * The stanzas the federation sends to an XMPP server over s2s (RFC 6120, RFC 6121), serialized in {@code jabber:server}
 * with every value escaped: a chat message (or a client's own error message), a subscription's presence
 * ({@code subscribe}, {@code subscribed}, {@code unsubscribe}, {@code unsubscribed}) and a user's presence. Our users'
 * presence comes from one resource, {@value #RESOURCE}: the ISP's aggregate of all their devices (R3).
 */
public final class XmppStanzas {

    public static final String SERVER = "jabber:server";
    /** The resource our users' presence comes from over s2s. */
    public static final String RESOURCE = "universal";
    /** The namespace of publish-subscribe notifications (XEP-0060). */
    public static final String PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";
    /** The namespace of entity capabilities (XEP-0115). */
    public static final String CAPS = "http://jabber.org/protocol/caps";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private XmppStanzas() {
    }

    /** A chat message from our user's resource {@value #RESOURCE} (XMPP clients take chats from full JIDs only). */
    public static String message(String id, String fromBare, String to, String body) {
        return message(id, fromBare, to, body, java.util.List.of());
    }

    /**
     * A chat message with its extension elements (chat states, receipts, markers, corrections, reactions...) as they
     * are; without a {@code <body/>} when it has none; from the resource {@value #RESOURCE}.
     */
    public static String message(String id, String fromBare, String to, String body, java.util.List<org.w3c.dom.Element> extensions) {
        return message(id, fromBare, null, to, body, extensions);
    }

    /**
     * A chat message from the resource it was sent from ({@code fromResource}: the XMPP client's resource, or the name
     * of the Local device, as the universal domain shows it), or from {@value #RESOURCE} when that is not known or is no
     * resource (RFC 7622: 1 to 1023 bytes, no control characters).
     */
    public static String message(String id, String fromBare, String fromResource, String to, String body,
                                 java.util.List<org.w3c.dom.Element> extensions) {
        // a client's own error message (RFC 6120 8.3): its <error/>, first, is the stanza's own child, in jabber:server
        boolean error = !extensions.isEmpty() && isError(extensions.get(0));
        return write("message", w -> {
            w.writeAttribute("type", error ? "error" : "chat");
            w.writeAttribute("id", id);
            w.writeAttribute("from", fromBare + "/" + resource(fromResource));
            w.writeAttribute("to", to);
            if (body != null && !body.isEmpty()) {
                w.writeStartElement("body");
                w.writeCharacters(body);
                w.writeEndElement();
            }
            for (org.w3c.dom.Element e : extensions) {
                element(w, error && e == extensions.get(0) ? ForeignXml.moved(e, "jabber:client", SERVER) : e, SERVER);
            }
        });
    }

    private static boolean isError(org.w3c.dom.Element e) {
        return org.universalim.routing.control.MessageExtensions.ERROR.namespace().equals(e.getNamespaceURI())
                && org.universalim.routing.control.MessageExtensions.ERROR.localName().equals(e.getLocalName());
    }

    /** The resource a message is sent from: the sender's, when it is one, else {@value #RESOURCE}. */
    static String resource(String sender) {
        if (sender == null || sender.isBlank() || !sender.strip().equals(sender)
                || sender.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1023) {
            return RESOURCE;
        }
        // no control character, no lone surrogate (a character XML cannot carry)
        if (sender.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
            return RESOURCE;
        }
        return sender;
    }

    /** An element of another namespace (checked when it was taken), its namespace declared where it changes. */
    private static void element(XMLStreamWriter w, org.w3c.dom.Element e, String parentNs) throws XMLStreamException {
        String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
        w.writeStartElement("", e.getLocalName() != null ? e.getLocalName() : e.getTagName(), ns);
        if (!ns.equals(parentNs)) {
            w.writeDefaultNamespace(ns);
        }
        org.w3c.dom.NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            org.w3c.dom.Node a = attributes.item(i);
            String attributeNs = a.getNamespaceURI();
            if (attributeNs == null || attributeNs.isEmpty()) {
                w.writeAttribute(a.getLocalName() != null ? a.getLocalName() : a.getNodeName(), a.getNodeValue());
            } else if (javax.xml.XMLConstants.XML_NS_URI.equals(attributeNs)) {
                w.writeAttribute("xml", attributeNs, a.getLocalName(), a.getNodeValue());
            }
        }
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element child) {
                element(w, child, ns);
            } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE || n.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                w.writeCharacters(n.getNodeValue());
            }
        }
        w.writeEndElement();
    }

    /**
     * A notification of an event on a personal event node (XEP-0163 section 4.3, XEP-0060 section 7.1.2 and 7.2.2): a
     * headline message from the owner's bare JID with an {@code <event/>} of {@code kind} {@code item} (with its payload
     * when there is one), {@code retract}, {@code purge} or {@code delete}.
     */
    public static String pepEvent(String id, String fromBare, String to, String node, String kind, String itemId,
                                  org.w3c.dom.Element payload) {
        return write("message", w -> {
            w.writeAttribute("type", "headline");
            w.writeAttribute("id", id);
            w.writeAttribute("from", fromBare);
            w.writeAttribute("to", to);
            w.writeStartElement("", "event", PUBSUB_EVENT);
            w.writeDefaultNamespace(PUBSUB_EVENT);
            switch (kind == null ? "" : kind) {
                case "item", "retract" -> {
                    w.writeStartElement("items");
                    w.writeAttribute("node", node);
                    w.writeStartElement("item".equals(kind) ? "item" : "retract");
                    w.writeAttribute("id", itemId);
                    if ("item".equals(kind) && payload != null) {
                        element(w, payload, PUBSUB_EVENT);
                    }
                    w.writeEndElement();
                    w.writeEndElement();
                }
                default -> {
                    w.writeStartElement("delete".equals(kind) ? "delete" : "purge");
                    w.writeAttribute("node", node);
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        });
    }

    /** A presence of type {@code subscribe}, {@code subscribed}, {@code unsubscribe} or {@code unsubscribed}. */
    public static String subscription(String type, String from, String to, String status) {
        return write("presence", w -> {
            w.writeAttribute("type", type);
            w.writeAttribute("from", from);
            w.writeAttribute("to", to);
            if (status != null && !status.isBlank()) {
                w.writeStartElement("status");
                w.writeCharacters(status);
                w.writeEndElement();
            }
        });
    }

    /**
     * A user's presence for one watcher: available with the {@code <show/>} of the aggregate state (none for READY) and
     * the entity capabilities of {@link XmppCaps}, or unavailable.
     */
    public static String presence(String fromBare, String to, boolean available, String aggregate, String status) {
        return write("presence", w -> {
            if (!available) {
                w.writeAttribute("type", "unavailable");
            }
            w.writeAttribute("from", fromBare + "/" + RESOURCE);
            w.writeAttribute("to", to);
            String show = available ? show(aggregate) : null;
            if (show != null) {
                w.writeStartElement("show");
                w.writeCharacters(show);
                w.writeEndElement();
            }
            if (status != null && !status.isBlank()) {
                w.writeStartElement("status");
                w.writeCharacters(status);
                w.writeEndElement();
            }
            if (available) {
                // the personal event nodes our users' devices commonly ask for (XEP-0115, XEP-0163 section 4.4)
                w.writeEmptyElement("", "c", CAPS);
                w.writeDefaultNamespace(CAPS);
                w.writeAttribute("hash", "sha-1");
                w.writeAttribute("node", XmppCaps.NODE);
                w.writeAttribute("ver", XmppCaps.VER);
            }
        });
    }

    /**
     * An IQ between a resource of our user and one of a remote user (RFC 6121 8.5.3), or its answer: {@code children}
     * are its child elements as XML, checked already ({@link ForeignXml}), in {@value #SERVER} where they are the
     * stanza's own (an {@code <error/>}).
     */
    public static String iq(String type, String id, String from, String to, java.util.List<String> children) {
        StringBuilder out = new StringBuilder(256).append("<iq xmlns=\"").append(SERVER).append("\" type=\"");
        ForeignXml.escape(type, out, true);
        out.append("\" id=\"");
        ForeignXml.escape(id, out, true);
        out.append("\" from=\"");
        ForeignXml.escape(from, out, true);
        out.append("\" to=\"");
        ForeignXml.escape(to, out, true);
        out.append("\">");
        children.forEach(out::append);
        return out.append("</iq>").toString();
    }

    /** RFC 6121 {@code <show/>} of a device state (R3); {@code null} for READY (plain available). */
    public static String show(String state) {
        return switch (state == null ? "" : state.toUpperCase(Locale.ROOT)) {
            case "BUSY" -> "xa";
            case "AWAY" -> "away";
            case "DO_NOT_DISTURB" -> "dnd";
            default -> null;
        };
    }

    /** The device state of an RFC 6121 {@code <show/>} (none: READY). */
    public static String state(String show) {
        return switch (show == null ? "" : show.strip()) {
            case "away" -> "AWAY";
            case "xa" -> "BUSY";
            case "dnd" -> "DO_NOT_DISTURB";
            default -> "READY";
        };
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(String name, Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartElement(name);
            w.writeDefaultNamespace(SERVER);
            body.write(w);
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("a stanza could not be written", e);
        }
        return out.toString();
    }
}
