package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * "Tell us about this user of yours": sent when a local user ({@code watcher}) puts a foreign user on a
 * roster (R5). Answered with a {@link TrackResponse}; presence updates of the user follow while the
 * watcher is authorized.
 */
@XmlRootElement(name = "trackRequest")
public class TrackRequest extends Request {

    @XmlAttribute(required = true)
    public String watcher;

    @XmlAttribute(required = true)
    public String user;
}
