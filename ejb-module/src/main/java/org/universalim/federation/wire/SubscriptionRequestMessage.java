package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** The sender's user asks the receiver's user ({@code contact}) to see their presence. Answered with an {@link Ack}. */
@XmlRootElement(name = "subscriptionRequest")
public class SubscriptionRequestMessage extends Request {

    @XmlAttribute(required = true)
    public String requester;

    @XmlAttribute(required = true)
    public String contact;

    @XmlAttribute
    public String message;
}
