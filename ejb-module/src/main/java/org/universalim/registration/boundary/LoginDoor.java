package org.universalim.registration.boundary;

import java.util.Locale;

/** The ways a password comes in: HTTP Basic on the JSON API, the Local protocol's login, XMPP SASL. */
public enum LoginDoor {
    HTTP, LOCAL, XMPP;

    /** The name in logs and metric tags. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
