package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** The user's routing and, when the watcher may see it, presence information. */
@XmlRootElement(name = "trackResponse")
@XmlType(propOrder = {"route", "presence"})
public class TrackResponse {

    public RouteInfo route;

    public PresenceInfo presence;

    @XmlAttribute(required = true)
    public String transactionId;

    /** Whether the user exists as a universal user. */
    @XmlAttribute(required = true)
    public boolean known;

    /** Whether the watcher may see the user's presence. */
    @XmlAttribute(required = true)
    public boolean authorized;

    @XmlAttribute
    public String screenName;
}
