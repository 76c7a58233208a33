package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** The sender's user stops watching the receiver's user. Answered with an {@link Ack}. */
@XmlRootElement(name = "unsubscribeRequest")
public class UnsubscribeRequest extends Request {

    @XmlAttribute(required = true)
    public String requester;

    @XmlAttribute(required = true)
    public String contact;
}
