package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** One device of a user's presence (R3). */
@XmlType(name = "Device")
public class DeviceInfo {

    @XmlElement(name = "application")
    public List<String> applications = new ArrayList<>();

    @XmlAttribute(required = true)
    public String name;

    @XmlAttribute(required = true)
    public String type;

    @XmlAttribute(required = true)
    public String state;

    @XmlAttribute(required = true)
    public int securityLevel;

    @XmlAttribute(required = true)
    public boolean fixedAddress;

    @XmlAttribute
    public String endpoint;

    @XmlAttribute
    public String statusText;
}
