package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import org.w3c.dom.Element;

/** An item of a personal event node: its id and its payload, one element of another namespace (XSD type {@code PersonalItem}). */
public class ItemInfo {

    @XmlAnyElement
    public Element payload;

    @XmlAttribute(required = true)
    public String id;

    public ItemInfo() {
    }

    public ItemInfo(String id, Element payload) {
        this.id = id;
        this.payload = payload;
    }
}
