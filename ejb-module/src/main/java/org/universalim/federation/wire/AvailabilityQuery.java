package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** The sender's user asks for the availability windows of the receiver's user (R7). */
@XmlRootElement(name = "availabilityQuery")
public class AvailabilityQuery extends Request {

    @XmlAttribute(required = true)
    public String requester;

    @XmlAttribute(required = true)
    public String contact;
}
