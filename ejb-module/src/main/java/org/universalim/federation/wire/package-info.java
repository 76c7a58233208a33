/**
 * The federation contract's JAXB classes: the elements of {@code federation-1.xsd}
 * ({@code urn:universal-im:federation:1}), shared by the REST and SOAP transports and by the client.
 * Wire objects only: entities never travel.
 */
@XmlSchema(namespace = Wire.NS, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
