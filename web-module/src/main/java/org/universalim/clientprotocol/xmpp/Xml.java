package org.universalim.clientprotocol.xmpp;

import org.universalim.routing.control.UniversalMessageFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the XML the endpoint sends: an element with attributes, children and text, printed with every
 * value escaped. {@code xmlns} is an attribute like any other, so each frame declares its namespaces.
 */
public final class Xml {

    private final String name;
    private final List<String[]> attributes = new ArrayList<>(4);
    private final List<Object> content = new ArrayList<>(2);

    private Xml(String name) {
        this.name = name;
    }

    public static Xml element(String name) {
        return new Xml(name);
    }

    public static Xml element(String name, String namespace) {
        return new Xml(name).attr("xmlns", namespace);
    }

    /** Adds an attribute; a {@code null} value leaves it out. */
    public Xml attr(String key, Object value) {
        if (value != null) {
            attributes.add(new String[] {key, value.toString()});
        }
        return this;
    }

    public Xml child(Xml child) {
        if (child != null) {
            content.add(child);
        }
        return this;
    }

    /** Adds a child {@code <name>text</name>}; nothing when the text is {@code null}. */
    public Xml childText(String childName, Object text) {
        if (text != null) {
            content.add(new Xml(childName).text(text.toString()));
        }
        return this;
    }

    public Xml text(String text) {
        if (text != null) {
            content.add(new Text(text));
        }
        return this;
    }

    /** Adds XML that is already serialized (and trusted), such as the universal message format. */
    public Xml raw(String xml) {
        content.add(new Raw(xml));
        return this;
    }

    private record Text(String value) {
    }

    private record Raw(String value) {
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(128);
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        out.append('<').append(name);
        for (String[] a : attributes) {
            out.append(' ').append(a[0]).append("=\"");
            UniversalMessageFormat.escape(a[1], out, true);
            out.append('"');
        }
        if (content.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Object c : content) {
            if (c instanceof Xml x) {
                x.write(out);
            } else if (c instanceof Text t) {
                UniversalMessageFormat.escape(t.value(), out, false);
            } else if (c instanceof Raw r) {
                out.append(r.value());
            }
        }
        out.append("</").append(name).append('>');
    }
}
