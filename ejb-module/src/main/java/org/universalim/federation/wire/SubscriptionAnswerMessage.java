package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * The sender's user ({@code contact}) answers (or revokes) the receiver's user's ({@code requester})
 * request to see the contact's presence. Answered with an {@link Ack}.
 */
@XmlRootElement(name = "subscriptionAnswer")
public class SubscriptionAnswerMessage extends Request {

    @XmlAttribute(required = true)
    public String contact;

    @XmlAttribute(required = true)
    public String requester;

    @XmlAttribute(required = true)
    public boolean approved;
}
