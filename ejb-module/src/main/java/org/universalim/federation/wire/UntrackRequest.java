package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** No roster of the sender's holds the user for this watcher any more. Answered with an {@link Ack}. */
@XmlRootElement(name = "untrackRequest")
public class UntrackRequest extends Request {

    @XmlAttribute(required = true)
    public String watcher;

    @XmlAttribute(required = true)
    public String user;
}
