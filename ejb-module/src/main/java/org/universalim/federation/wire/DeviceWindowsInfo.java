package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** One device's availability windows (R7). */
@XmlType(name = "DeviceWindows")
public class DeviceWindowsInfo {

    @XmlElement(name = "window")
    public List<WindowInfo> windows = new ArrayList<>();

    @XmlAttribute(required = true)
    public String device;

    @XmlAttribute(required = true)
    public String type;
}
