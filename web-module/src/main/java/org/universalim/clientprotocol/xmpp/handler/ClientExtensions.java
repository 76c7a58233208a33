package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.profile.XmlCopy;
import org.universalim.routing.control.MessageExtensions;
import org.universalim.routing.entity.ImMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The extension elements of a {@code <message/>} a client sent that are carried to the recipient as they are (chat
 * states, receipts, markers, corrections, reactions, replies, links, hints, origin-id: {@link MessageExtensions#carried}),
 * written back as XML within the bounds (number, bytes, depth; the stanza itself was read by the hardened reader), and
 * the client's own id of the stanza.
 *
 * @param xml   the elements as XML, or null when none
 * @param names their names
 */
public record ClientExtensions(String xml, List<MessageExtensions.Name> names) {

    /** The client's elements; {@code refused} is set when they break a bound. */
    public static ClientExtensions of(XmlElement message, StanzaError[] refused) {
        List<MessageExtensions.Name> names = new ArrayList<>();
        StringBuilder xml = new StringBuilder();
        for (XmlElement child : message.children()) {
            MessageExtensions.Name name = new MessageExtensions.Name(child.namespace(), child.name());
            if (!MessageExtensions.carried(name)) {
                continue;
            }
            names.add(name);
            try {
                xml.append(XmlCopy.of(child, MessageExtensions.MAX_DEPTH, MessageExtensions.MAX_BYTES));
            } catch (XmlCopy.TooLarge e) {
                refused[0] = new StanzaError("modify", "policy-violation", "the extension element " + child.name() + " is refused: " + e.getMessage());
                return null;
            }
        }
        String out = MessageExtensions.outOfBounds(names.size(), xml.toString().getBytes(StandardCharsets.UTF_8).length);
        if (out != null) {
            refused[0] = new StanzaError("modify", "policy-violation", out);
            return null;
        }
        return new ClientExtensions(xml.isEmpty() ? null : xml.toString(), List.copyOf(names));
    }

    /**
     * The elements of a client's own error message (RFC 6120 8.3): its {@code <error/>} (of {@code errorNamespace}, the
     * stream's), first, as {@link MessageExtensions#errorElement} writes it, then the elements carried as in any message;
     * null when it has no {@code <error/>} or breaks a bound (an error is dropped then, never answered with one).
     */
    public static ClientExtensions ofError(XmlElement message, String errorNamespace) {
        XmlElement error = message.child("error", errorNamespace);
        if (error == null) {
            return null;
        }
        StringBuilder children = new StringBuilder();
        try {
            for (XmlElement child : error.children()) {
                children.append(XmlCopy.of(child, MessageExtensions.MAX_DEPTH - 1, MessageExtensions.MAX_BYTES));
            }
        } catch (XmlCopy.TooLarge e) {
            return null;
        }
        ClientExtensions rest = of(message, new StanzaError[1]);
        if (rest == null) {
            return null;
        }
        List<MessageExtensions.Name> names = new ArrayList<>();
        names.add(MessageExtensions.ERROR);
        names.addAll(rest.names());
        String xml = MessageExtensions.errorElement(error.attribute("type"), children.toString()) + (rest.xml() == null ? "" : rest.xml());
        if (MessageExtensions.outOfBounds(names.size(), xml.getBytes(StandardCharsets.UTF_8).length) != null) {
            return null;
        }
        return new ClientExtensions(xml, List.copyOf(names));
    }

    public ImMessage.Keeping keeping(boolean hasBody) {
        return MessageExtensions.keeping(hasBody, names);
    }

    /** The client's id of the stanza when it is one we can keep (1 to 128 characters, no control characters), else null. */
    public static String stanzaId(XmlElement message) {
        String id = message.attribute("id");
        if (id == null || id.isEmpty() || id.length() > ImMessage.MAX_CLIENT_ID || id.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return id;
    }
}
