package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The contact's ISP answers a connection request (FIG. 6 steps 645-650): {@code established} or
 * {@code not_available} with the contact's routing and presence information and, when not available, the
 * availability windows; {@code failed} with a code otherwise.
 */
@XmlRootElement(name = "connectionResponse")
@XmlType(propOrder = {"route", "presence", "availability"})
public class ConnectionResponse {

    public RouteInfo route;

    public PresenceInfo presence;

    public AvailabilityInfo availability;

    @XmlAttribute(required = true)
    public String transactionId;

    @XmlAttribute(required = true)
    public String contact;

    @XmlAttribute(required = true)
    public String status;

    @XmlAttribute
    public String reason;

    @XmlAttribute
    public String code;

    @XmlAttribute
    public String explanation;
}
