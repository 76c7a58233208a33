package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;

/** An optional operation of the contract a server offers, by its REST path (e.g. {@code profile}). */
public class CapabilityInfo {

    @XmlAttribute(required = true)
    public String name;

    public CapabilityInfo() {
    }

    public CapabilityInfo(String name) {
        this.name = name;
    }
}
