package org.universalim.federation.boundary;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.Transport;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.KnownSubscribers;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.PersonalAttributes;
import org.universalim.registration.entity.Subscriber;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A peer speaks only for its own users, and names only our universal users. */
class InboundAddressesTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    InboundAddresses addresses;
    Peer b;

    @BeforeEach
    void wire() {
        Subscriber uma = subscriber("uma", true);
        Subscriber lou = subscriber("lou", false);
        Subscriber gone = subscriber("gone", true);
        gone.disable();
        Map<String, Subscriber> users = Map.of("uma", uma, "lou", lou, "gone", gone);
        addresses = new InboundAddresses();
        addresses.registrar = new LocalRegistrar() {
            @Override
            public Optional<Subscriber> find(String userName) {
                return Optional.ofNullable(users.get(userName));
            }
        };
        addresses.known = new KnownSubscribers() {
            @Override
            public Optional<Facts> find(String userName) {
                return Optional.ofNullable(users.get(userName)).map(s -> new Facts(s.userName(), s.isUniversal(), !s.isDisabled()));
            }
        };
        addresses.isp = IspSettings.of("isp-a.example", "-u", "suffix", "node1");
        addresses.log = Logger.getLogger(InboundAddressesTest.class.getName());
        b = new Peer("isp-b.example", NOW);
        b.configure("isp-b-u.example", "https://isp-b.example:9543", Transport.REST, null, true, false, null);
    }

    @Test
    void aPeerSpeaksForItsOwnUsersAtEitherOfItsDomains() {
        assertThat(addresses.own(b, "zed@isp-b-u.example", "sender").localPart()).isEqualTo("zed");
        assertThat(addresses.own(b, "zed@isp-b.example", "sender").localPart()).isEqualTo("zed");
    }

    @Test
    void aPeerClaimingAUserOfAnotherDomainIsRefused() {
        assertThatThrownBy(() -> addresses.own(b, "mallory@isp-c-u.example", "sender"))
                .isInstanceOf(FederationRefusal.class).hasMessageContaining("may only speak for its own users");
        assertThatThrownBy(() -> addresses.own(b, "not an address", "sender")).isInstanceOf(FederationRefusal.class);
    }

    @Test
    void onlyOurEnabledUniversalUsersAreNamedAtTheUniversalDomain() {
        assertThat(addresses.ours("uma@isp-a-u.example")).isPresent();
        assertThat(addresses.ours("uma@isp-a.example")).isEmpty(); // the local address is not for peers
        assertThat(addresses.ours("lou@isp-a-u.example")).isEmpty(); // not universal
        assertThat(addresses.ours("gone@isp-a-u.example")).isEmpty(); // disabled
        assertThat(addresses.ours("zed@isp-b-u.example")).isEmpty();
    }

    @Test
    void theRecipientOfAMessageFromAPeerIsAnEnabledUniversalUserOfOurs() {
        assertThat(addresses.recipient("uma@isp-a-u.example")).contains("uma");
        assertThat(addresses.recipient("uma@isp-a.example")).isEmpty();
        assertThat(addresses.recipient("lou@isp-a-u.example")).isEmpty();
        assertThat(addresses.recipient("gone@isp-a-u.example")).isEmpty();
        assertThat(addresses.recipient("nobody@isp-a-u.example")).isEmpty();
        assertThat(addresses.recipient("zed@isp-b-u.example")).isEmpty();
    }

    private static Subscriber subscriber(String name, boolean universal) {
        Subscriber s = new Subscriber(name, new PersonalAttributes(name, "1 Main St", "B-1", name, name + "@mail.example"), "UTC", NOW);
        if (universal) {
            s.becomeUniversal(NOW);
        }
        return s;
    }
}
