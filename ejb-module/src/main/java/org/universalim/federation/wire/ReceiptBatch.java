package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of messages the receiver's users sent to the sender's users: {@code delivered},
 * {@code stored} or {@code failed}. Answered with an {@link Ack}.
 */
@XmlRootElement(name = "receiptBatch")
public class ReceiptBatch extends Request {

    @XmlElement(name = "receipt", required = true)
    public List<Receipt> receipts = new ArrayList<>();

    /** One message's fate. */
    @XmlType(name = "")
    public static class Receipt {
        @XmlAttribute(required = true)
        public String messageId;

        @XmlAttribute(required = true)
        public String sender;

        @XmlAttribute(required = true)
        public String recipient;

        @XmlAttribute(required = true)
        public String status;

        @XmlAttribute
        public String device;

        @XmlAttribute
        public String reason;
    }
}
