package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** What became of each message of a batch: accepted, a duplicate of one accepted before, or rejected. */
@XmlRootElement(name = "messageBatchResponse")
public class MessageBatchResponse {

    @XmlElement(name = "result", required = true)
    public List<Result> results = new ArrayList<>();

    @XmlAttribute(required = true)
    public String transactionId;

    /** The fate of one message. */
    @XmlType(name = "")
    public static class Result {
        @XmlAttribute(required = true)
        public String id;

        @XmlAttribute(required = true)
        public String status;

        @XmlAttribute
        public String code;

        @XmlAttribute
        public String reason;

        public Result() {
        }

        public Result(String id, String status, String code, String reason) {
            this.id = id;
            this.status = status;
            this.code = code;
            this.reason = reason;
        }
    }
}
