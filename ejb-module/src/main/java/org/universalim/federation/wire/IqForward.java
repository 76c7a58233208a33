package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/**
 * An IQ from a resource of a sender's user to a resource of a receiver's user (RFC 6121 section 8.5.3), or the result
 * or error answering one: its type, id and child elements (at most two: a payload, and an error's {@code <error/>}),
 * each bounded in size and depth by the receiver. Answered with an {@link Ack} counting the resources it reached (0 or
 * 1); only to peers that announce the {@code iq} capability.
 */
@XmlRootElement(name = "iqForward")
public class IqForward extends Request {

    @XmlElement(name = "payload")
    public List<PayloadInfo> payloads = new ArrayList<>();

    @XmlAttribute(required = true)
    public String from;

    @XmlAttribute(required = true)
    public String fromResource;

    @XmlAttribute(required = true)
    public String to;

    @XmlAttribute(required = true)
    public String toResource;

    /** {@code get}, {@code set}, {@code result} or {@code error}. */
    @XmlAttribute(required = true)
    public String type;

    /** The IQ's id, as the requesting client gave it. */
    @XmlAttribute(required = true)
    public String id;
}
