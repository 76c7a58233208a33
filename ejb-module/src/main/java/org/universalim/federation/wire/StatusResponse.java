package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Instant;

/** A peer's identity and clock, and who it takes the caller for. */
@XmlRootElement(name = "statusResponse")
public class StatusResponse {

    @XmlAttribute(required = true)
    public String domain;

    @XmlAttribute(required = true)
    public String universalDomain;

    @XmlAttribute(required = true)
    public String node;

    @XmlAttribute(required = true)
    public String version;

    @XmlAttribute(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    public Instant time;

    /** The caller's domain, as the peer authenticated it. */
    @XmlAttribute(required = true)
    public String peer;
}
