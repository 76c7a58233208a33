package org.universalim.clientprotocol.xmpp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element a client sent, as {@link StanzaReader} read it: qualified name, attributes (by local name;
 * {@code xml:lang} as such), child elements and the concatenated text directly inside it.
 */
public final class XmlElement {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlElement(String name, String namespace) {
        this.name = name;
        this.namespace = namespace == null ? "" : namespace;
    }

    void attribute(String key, String value) {
        attributes.put(key, value);
    }

    void add(XmlElement child) {
        children.add(child);
    }

    void appendText(String more) {
        text.append(more);
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public boolean is(String localName, String ns) {
        return name.equals(localName) && namespace.equals(ns);
    }

    /** Whether it is a stanza (RFC 6120 section 8): {@code <iq/>}, {@code <message/>} or {@code <presence/>} of {@code jabber:client}. */
    public boolean isStanza() {
        return (namespace.equals(Namespaces.CLIENT) || namespace.isEmpty())
                && (name.equals("iq") || name.equals("message") || name.equals("presence"));
    }

    /** An attribute, or {@code null}. */
    public String attribute(String key) {
        return attributes.get(key);
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first child element of that name and namespace, or {@code null}. */
    public XmlElement child(String localName, String ns) {
        for (XmlElement c : children) {
            if (c.is(localName, ns)) {
                return c;
            }
        }
        return null;
    }

    public List<XmlElement> children(String localName, String ns) {
        return children.stream().filter(c -> c.is(localName, ns)).toList();
    }

    /** The text of the first child of that name and namespace, or {@code null} when there is none. */
    public String childText(String localName, String ns) {
        XmlElement c = child(localName, ns);
        return c == null ? null : c.text();
    }

    /** The text directly inside this element. */
    public String text() {
        return text.toString();
    }

    @Override
    public String toString() {
        return "<" + name + " xmlns='" + namespace + "' " + attributes + " children=" + children.size() + ">";
    }
}
