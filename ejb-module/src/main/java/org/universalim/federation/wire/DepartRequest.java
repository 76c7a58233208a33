package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Users of the sender who are gone (their accounts were deleted): the receiver drops them from its users' rosters,
 * its records of them and their pending requests. An optional operation of version 1 of the contract: a peer that
 * does not know it refuses it (404, or a {@code soap:Client} fault) and the sender gives it up. Answered with an
 * {@link Ack}.
 */
@XmlRootElement(name = "departRequest")
public class DepartRequest extends Request {

    @XmlElement(name = "user", required = true)
    public List<User> users = new ArrayList<>();

    /** One user who is gone. */
    @XmlType(name = "")
    public static class User {
        @XmlAttribute(required = true)
        public String address;

        @XmlAttribute(required = true)
        @XmlJavaTypeAdapter(InstantAdapter.class)
        public Instant at;
    }
}
