package org.universalim.federation.entity;

/** How we call a peer's Universal IM server (R13): the same operations either way. */
public enum Transport {
    /** application/xml over HTTPS, {@code POST /federation/v1/{operation}}. */
    REST,
    /** SOAP 1.1 document/literal, {@code POST /federation/soap}. */
    SOAP
}
