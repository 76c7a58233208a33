package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** The windows, when the requester may see them. */
@XmlRootElement(name = "availabilityResponse")
public class AvailabilityResponse {

    public AvailabilityInfo availability;

    @XmlAttribute(required = true)
    public String transactionId;

    @XmlAttribute(required = true)
    public String status;
}
