package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAnyElement;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * A message's extension elements of other namespaces (chat states, receipts, markers, corrections, reactions...),
 * carried as they are: the receiver bounds their number, size and depth and checks them again before using them
 * (XSD type {@code Extensions}).
 */
public class ExtensionsInfo {

    @XmlAnyElement
    public List<Element> elements = new ArrayList<>();
}
