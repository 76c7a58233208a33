package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlRootElement;

/** "Are you there, and who are you?" Answered with a {@link StatusResponse}. */
@XmlRootElement(name = "statusRequest")
public class StatusRequest extends Request {
}
