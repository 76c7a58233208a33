package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's identity and clock, and who it takes the caller for; when asked, the optional operations it offers
 * (none are listed unless asked, so a caller of the first version gets the answer it knows).
 */
@XmlRootElement(name = "statusResponse")
public class StatusResponse {

    @XmlElement(name = "capability")
    public List<CapabilityInfo> capabilities = new ArrayList<>();

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
