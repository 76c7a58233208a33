package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/** A refused request: the REST error body and the SOAP fault detail. */
@XmlRootElement(name = "federationError")
public class FederationError {

    @XmlAttribute(required = true)
    public String code;

    @XmlAttribute(required = true)
    public String message;

    public FederationError() {
    }

    public FederationError(String code, String message) {
        this.code = code;
        this.message = message;
    }
}
