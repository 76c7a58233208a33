package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/** How a user is reached: the ISP, the Local IM server node and the device that would get a message. */
@XmlType(name = "Route")
public class RouteInfo {

    @XmlAttribute(required = true)
    public String isp;

    @XmlAttribute
    public String node;

    @XmlAttribute
    public String device;
}
