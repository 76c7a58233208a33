package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** New or upgraded universal users of the sender (R1, FIG. 5 step 520). Answered with an {@link Ack}. */
@XmlRootElement(name = "announceRequest")
public class AnnounceRequest extends Request {

    @XmlElement(name = "user", required = true)
    public List<User> users = new ArrayList<>();

    /** One announced user. */
    @XmlType(name = "")
    public static class User {
        @XmlAttribute(required = true)
        public String address;

        @XmlAttribute
        public String screenName;

        @XmlAttribute(required = true)
        @XmlJavaTypeAdapter(InstantAdapter.class)
        public Instant since;
    }
}
