package org.universalim.it.registration;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.universalim.it.Users;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIG. 5, registering a new user (R1, R2): the user asks the Local IM server for a new USERID (505), which
 * assigns it and keeps the account (510); a universal user's USERID is checked for uniqueness and stored by the
 * Universal IM server (515), which announces the new user to the peer Universal IM servers tracking it (520).
 * What the registering client and the peer ISPs observe.
 */
class Fig5RegistrationIT {

    @Test
    @DisplayName("505-510: the Local IM server assigns a new USERID and keeps the account")
    void aNewUserGetsAUseridFromTheLocalImServerAndLogsOnWithIt() {
        Isp a = Isp.a();
        User alice = a.registers("alice");

        assertThat(alice.localAddress()).isEqualTo(alice.name() + "@" + a.domain());
        assertThat(alice.isUniversal()).isFalse();
        assertThat(alice.universalAddress()).isNull();
        assertThat(alice.account().getJsonObject("attributes").getString("fullName")).isEqualTo("Test " + alice.name());
        assertThat(alice.account().toString()).doesNotContain(Users.PASSWORD);
        try (Device pc = alice.logsOn("pc")) {
            assertThat(pc.account().getString("localAddress")).isEqualTo(alice.localAddress());
        }
        // the personal attributes stay with the ISP
        JsonObject profile = a.profileOf(alice.name());
        assertThat(profile.toString()).doesNotContain("Test Street").doesNotContain("ACC-").doesNotContain("@mail.example");
    }

    @Test
    @DisplayName("515: a universal user's USERID is stored by the Universal IM server too: one account, two addresses")
    void aUniversalUserGetsBothAddressesOnOneAccount() {
        Isp a = Isp.a();
        User bob = a.registersUniversal("bob");

        assertThat(bob.localAddress()).isEqualTo(bob.name() + "@" + a.domain());
        // the universal marker in the domain tells universal from local-only (R2)
        assertThat(bob.universalAddress()).isEqualTo(bob.name() + "@" + a.universalDomain());
        assertThat(a.profileOf(bob.name()).getString("universalAddress")).isEqualTo(bob.universalAddress());
    }

    @Test
    @DisplayName("515: a USERID that is taken, in any case or namespace, is refused with a clear error")
    void aTakenUseridIsRefused() {
        Isp a = Isp.a();
        User carol = a.registersUniversal("carol");

        Isp.Registration again = a.tryToRegister(carol.name().toUpperCase(), false);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("name_taken");
        assertThat(again.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    @DisplayName("505: a malformed USERID is refused with a clear error and nothing is registered")
    void aMalformedUseridIsRefused() {
        Isp a = Isp.a();

        Isp.Registration refused = a.tryToRegister("9 lives!", true);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("validation_failed");
        assertThat(refused.account().getJsonArray("fieldErrors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field")).contains("userName");
        assertThat(a.profileOf("9lives")).isNull();
    }

    @Test
    @DisplayName("520: the Universal IM server announces a new universal user to the peers tracking it; each stores it")
    void theNewUniversalUserIsAnnouncedToThePeerIsps() {
        Isp a = Isp.a();
        Isp b = Isp.b();
        Isp c = Isp.c();
        a.federatesWith(b, c);

        User lou = a.registers("lou");
        User dora = a.registersUniversal("dora");

        b.hasStoredAnnounced(dora);
        c.hasStoredAnnounced(dora);
        // a local-only user stays with its ISP: registered first, it would have been announced first
        assertThat(b.foreignUsers()).noneMatch(f -> f.getString("address").startsWith(lou.name() + "@"));
    }
}
