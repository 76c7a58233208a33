package org.universalim.federation.control;

import org.universalim.federation.wire.ExtensionsInfo;
import org.universalim.routing.control.MessageExtensions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's extension elements between our stored text and the contract's {@code <extensions/>} (XSD type
 * {@code Extensions}): read and written with {@link ForeignXml}'s hardened reader and writer, and checked against
 * {@link MessageExtensions}' bounds both ways (number, bytes, depth, namespaces a client may send; the {@code <error/>} of
 * a client's error message, first).
 */
public final class MessageExtensionsXml {

    private static final String WRAPPER = "urn:universal-im:federation:extensions";

    private MessageExtensionsXml() {
    }

    /** The elements of our stored text (one or more elements, each declaring its namespace) for the wire. */
    public static ExtensionsInfo toWire(String xml) throws ForeignXml.Refused {
        Element wrapper = ForeignXml.element("<x xmlns=\"" + WRAPPER + "\">" + xml + "</x>",
                MessageExtensions.MAX_BYTES + 64, MessageExtensions.MAX_DEPTH + 1);
        ExtensionsInfo info = new ExtensionsInfo();
        for (Node n = wrapper.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                info.elements.add(e);
            }
        }
        if (info.elements.size() > MessageExtensions.MAX_ELEMENTS) {
            throw new ForeignXml.Refused("more than " + MessageExtensions.MAX_ELEMENTS + " extension elements");
        }
        return info;
    }

    /** What a peer sent, checked again. */
    public record Read(String xml, List<MessageExtensions.Name> names) {
    }

    /**
     * A peer's extension elements as our text, checked: each within depth and of a namespace a client may send, all
     * within the number and bytes.
     *
     * @throws ForeignXml.Refused what is wrong, in words for the peer
     */
    public static Read fromWire(ExtensionsInfo info) throws ForeignXml.Refused {
        List<MessageExtensions.Name> names = new ArrayList<>();
        StringBuilder xml = new StringBuilder();
        for (Element e : info.elements) {
            MessageExtensions.Name name = new MessageExtensions.Name(e.getNamespaceURI(),
                    e.getLocalName() != null ? e.getLocalName() : e.getTagName());
            if (names.isEmpty() && MessageExtensions.ERROR.equals(name)) {
                // a client's own error message (RFC 6120 8.3): its <error/>, first, written as we write it
                names.add(name);
                StringBuilder children = new StringBuilder();
                for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element child) {
                        children.append(ForeignXml.text(child, MessageExtensions.MAX_BYTES, MessageExtensions.MAX_DEPTH - 1));
                    }
                }
                xml.append(MessageExtensions.errorElement(e.getAttribute("type"), children.toString()));
                continue;
            }
            if (!MessageExtensions.carried(name)) {
                throw new ForeignXml.Refused("an extension element of namespace " + name.namespace() + " is not carried");
            }
            names.add(name);
            xml.append(ForeignXml.text(e, MessageExtensions.MAX_BYTES, MessageExtensions.MAX_DEPTH));
        }
        String out = MessageExtensions.outOfBounds(names.size(), xml.toString().getBytes(StandardCharsets.UTF_8).length);
        if (out != null) {
            throw new ForeignXml.Refused(out);
        }
        return new Read(xml.isEmpty() ? null : xml.toString(), names);
    }
}
