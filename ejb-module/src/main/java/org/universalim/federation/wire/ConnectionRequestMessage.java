package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** A connection request (R8, FIG. 6 step 620). Answered with a {@link ConnectionResponse}. */
@XmlRootElement(name = "connectionRequest")
public class ConnectionRequestMessage extends Request {

    @XmlAttribute(required = true)
    public String requester;

    @XmlAttribute(required = true)
    public String contact;
}
