package org.universalim.clientprotocol.xmpp.extension;

import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.platform.InvalidRequestException;

import java.util.List;

/** Reading the attributes and children of our extensions' elements; what is wrong is a bad request naming the field. */
final class Arguments {

    private Arguments() {
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        return value;
    }

    static Integer integer(String value, String field) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "a whole number");
        }
    }

    /** The texts of the children of that name in the parent's namespace; {@code null} when there are none. */
    static List<String> texts(XmlElement parent, String name) {
        List<XmlElement> children = parent.children(name, parent.namespace());
        return children.isEmpty() ? null : children.stream().map(XmlElement::text).toList();
    }
}
