package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** A user's availability windows per device (R7). */
@XmlType(name = "Availability")
public class AvailabilityInfo {

    @XmlElement(name = "device")
    public List<DeviceWindowsInfo> devices = new ArrayList<>();

    @XmlAttribute(required = true)
    public String user;

    @XmlAttribute(required = true)
    public String timeZone;

    @XmlAttribute(required = true)
    public int weeks;

    @XmlAttribute(required = true)
    public double threshold;
}
