package org.universalim.clientprotocol.xmpp.sm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.TimeUnit;

/** Stream management (XEP-0198) on the XMPP endpoint (server.xml variables; docs/xmpp.md, "Stream management"). */
@ApplicationScoped
public class StreamManagementSettings {

    @Inject
    @ConfigProperty(name = "xmpp.sm.resume.seconds", defaultValue = "300")
    int resumeSeconds;

    @Inject
    @ConfigProperty(name = "xmpp.sm.max.unacked", defaultValue = "1000")
    int maxUnacked;

    @Inject
    @ConfigProperty(name = "xmpp.sm.request.stanzas", defaultValue = "5")
    int requestStanzas;

    @Inject
    @ConfigProperty(name = "xmpp.sm.request.millis", defaultValue = "500")
    int requestMillis;

    /** How long a session whose link is lost waits for its client to resume it, in seconds (0: never resumed). */
    public int resumeSeconds() {
        return Math.max(0, resumeSeconds);
    }

    /** The most stanzas a client may leave unacknowledged; beyond, its stream ends with {@code resource-constraint}. */
    public int maxUnacked() {
        return Math.max(1, maxUnacked);
    }

    /** The server asks for an acknowledgement once this many stanzas were sent since it last asked... */
    public int requestStanzas() {
        return Math.max(1, requestStanzas);
    }

    /** ...or once the oldest of them was sent this long ago. */
    public long requestNanos() {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(1, requestMillis));
    }
}
