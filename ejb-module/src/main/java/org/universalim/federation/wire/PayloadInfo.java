package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import org.w3c.dom.Element;

/**
 * One element of another namespace, carried as it is (a card, an item's payload): the receiver bounds its size and
 * depth and checks it again before using it (XSD type {@code Foreign}).
 */
public class PayloadInfo {

    @XmlAnyElement
    public Element element;

    public PayloadInfo() {
    }

    public PayloadInfo(Element element) {
        this.element = element;
    }
}
