package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * "Are you there, and who are you?" Answered with a {@link StatusResponse}; with {@code capabilities="true"}, "and
 * which optional operations do you offer?" (a server of the first version refuses that question as invalid).
 */
@XmlRootElement(name = "statusRequest")
public class StatusRequest extends Request {

    @XmlAttribute
    public Boolean capabilities;
}
