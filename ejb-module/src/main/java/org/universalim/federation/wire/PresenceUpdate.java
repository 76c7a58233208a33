package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/** Presence of the sender's users, pushed to peers tracking them (R6). Answered with an {@link Ack}. */
@XmlRootElement(name = "presenceUpdate")
public class PresenceUpdate extends Request {

    @XmlElement(name = "presence", required = true)
    public List<PresenceInfo> presences = new ArrayList<>();
}
