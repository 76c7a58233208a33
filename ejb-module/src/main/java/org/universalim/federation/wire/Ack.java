package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** The answer of operations that only need to be taken: how many items were accepted. */
@XmlRootElement(name = "ack")
public class Ack {

    @XmlAttribute(required = true)
    public String transactionId;

    @XmlAttribute(required = true)
    public int accepted;

    public Ack() {
    }

    public Ack(String transactionId, int accepted) {
        this.transactionId = transactionId;
        this.accepted = accepted;
    }
}
