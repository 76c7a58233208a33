package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** A user's presence: the aggregate state and the devices (R3, R6). */
@XmlType(name = "Presence")
public class PresenceInfo {

    @XmlElement(name = "device")
    public List<DeviceInfo> devices = new ArrayList<>();

    @XmlAttribute(required = true)
    public String user;

    @XmlAttribute(required = true)
    public String aggregate;

    @XmlAttribute(required = true)
    public boolean available;

    @XmlAttribute
    public String statusText;
}
