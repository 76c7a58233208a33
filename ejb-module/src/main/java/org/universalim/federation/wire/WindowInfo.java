package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** Days with the same availability hours (R7). */
@XmlType(name = "Window")
public class WindowInfo {

    @XmlElement(name = "day", required = true)
    public List<String> days = new ArrayList<>();

    @XmlAttribute(required = true)
    public String from;

    @XmlAttribute(required = true)
    public String until;
}
