package org.universalim.federation.control;

import org.junit.jupiter.api.Test;
import org.universalim.federation.wire.PresenceInfo;

import static org.assertj.core.api.Assertions.assertThat;

class XmppPresenceTest {

    static final String BOB = "bob@prosody.example";

    @Test
    void eachResourceIsADeviceAndTheUserIsAvailableWhileOneIs() {
        PresenceInfo dino = XmppPresence.merge(null, BOB, "dino", true, "AWAY", "lunch");
        assertThat(dino.available).isTrue();
        assertThat(dino.aggregate).isEqualTo("AWAY");
        PresenceInfo both = XmppPresence.merge(dino, BOB, "gajim", true, "READY", null);
        assertThat(both.devices).extracting(d -> d.name).containsExactly("gajim", "dino");
        assertThat(both.aggregate).isEqualTo("READY");
        PresenceInfo gajimLeft = XmppPresence.merge(both, BOB, "gajim", false, "READY", null);
        assertThat(gajimLeft.available).isTrue();
        assertThat(gajimLeft.devices).extracting(d -> d.name).containsExactly("dino");
        assertThat(gajimLeft.aggregate).isEqualTo("AWAY");
        PresenceInfo gone = XmppPresence.merge(gajimLeft, BOB, "dino", false, "READY", null);
        assertThat(gone.available).isFalse();
        assertThat(gone.aggregate).isEqualTo("OFFLINE");
        assertThat(gone.devices).isEmpty();
    }

    @Test
    void anUnavailablePresenceFromTheBareJidEndsEveryResource() {
        PresenceInfo two = XmppPresence.merge(XmppPresence.merge(null, BOB, "a", true, "READY", null), BOB, "b", true, "BUSY", null);
        assertThat(XmppPresence.merge(two, BOB, null, false, "READY", null).devices).isEmpty();
    }

    @Test
    void aRemoteServerCannotGrowTheDevicesWithoutBound() {
        PresenceInfo p = null;
        for (int i = 0; i < 100; i++) {
            p = XmppPresence.merge(p, BOB, "r" + i, true, "READY", null);
        }
        assertThat(p.devices).hasSize(XmppPresence.MAX_RESOURCES);
    }
}
