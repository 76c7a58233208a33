package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Events on personal event nodes of the sender's users (XEP-0163), for users of the receiver's who see the
 * publisher's presence: an item published (with its payload, unless too large to carry: then its id only), an item
 * retracted, the node purged or deleted. Answered with an {@link Ack} counting the users told; only to peers that
 * announce the {@code pep-events} capability.
 */
@XmlRootElement(name = "pepEventBatch")
public class PepEventBatch extends Request {

    @XmlElement(name = "event", required = true)
    public List<Event> events = new ArrayList<>();

    @XmlType(name = "", propOrder = {"recipients", "payload"})
    public static class Event {
        @XmlElement(name = "recipient", required = true)
        public List<Recipient> recipients = new ArrayList<>();

        public PayloadInfo payload;

        @XmlAttribute(required = true)
        public String publisher;

        @XmlAttribute(required = true)
        public String node;

        /** {@code item}, {@code retract}, {@code purge} or {@code delete}. */
        @XmlAttribute(required = true)
        public String kind;

        @XmlAttribute
        public String itemId;
    }

    @XmlType(name = "")
    public static class Recipient {
        @XmlAttribute(required = true)
        public String address;

        public Recipient() {
        }

        public Recipient(String address) {
            this.address = address;
        }
    }
}
