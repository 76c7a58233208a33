package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;

/** What every request carries: a transaction id unique for its sender. */
@XmlTransient
public abstract class Request {

    @XmlAttribute(required = true)
    public String transactionId;
}
