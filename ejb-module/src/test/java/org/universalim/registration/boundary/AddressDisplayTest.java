package org.universalim.registration.boundary;

import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.PersonalAttributes;
import org.universalim.registration.entity.Subscriber;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How this ISP (isp-a.example, universal at isp-a-u.example) keys and shows addresses. */
class AddressDisplayTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final IspSettings ISP = IspSettings.of("isp-a.example", "-u", "suffix", "node1");

    private final Map<String, Subscriber> users = Map.of("ann", user("ann", true), "bob", user("bob", false));
    private final AddressDisplay display = new AddressDisplay(ISP, name -> Optional.ofNullable(users.get(name)));

    private static Subscriber user(String name, boolean universal) {
        Subscriber s = new Subscriber(name, new PersonalAttributes(name, "1 Main St", "B-1", name, name + "@mail.example"), "UTC", NOW);
        if (universal) {
            s.becomeUniversal(NOW);
        }
        return s;
    }

    @Test
    void aUserOfOursIsKeptUnderTheLocalAddressWhicheverWasGiven() {
        assertThat(display.key(UserId.parse("ann@isp-a-u.example"))).hasToString("ann@isp-a.example");
        assertThat(display.key(UserId.parse("ann@isp-a.example"))).hasToString("ann@isp-a.example");
    }

    @Test
    void aUserOfAnotherIspIsKeptAndShownAsGiven() {
        UserId dana = UserId.parse("dana@isp-b-u.example");
        assertThat(display.key(dana)).isEqualTo(dana);
        assertThat(display.shown(dana)).isEqualTo("dana@isp-b-u.example");
        assertThat(display.isUniversal(dana)).isTrue();
        assertThat(display.isUniversal(UserId.parse("eve@isp-b.example"))).isFalse();
    }

    @Test
    void aUniversalUserIsShownByTheUniversalAddress() {
        assertThat(display.shown(UserId.parse("ann@isp-a.example"))).isEqualTo("ann@isp-a-u.example");
        assertThat(display.shownUser("ann")).hasToString("ann@isp-a-u.example");
        assertThat(display.isUniversal(UserId.parse("ann@isp-a.example"))).isTrue();
    }

    @Test
    void aLocalOnlyUserIsShownByTheLocalAddressEvenWhenWrittenToTheUniversalDomain() {
        assertThat(display.shown(UserId.parse("bob@isp-a.example"))).isEqualTo("bob@isp-a.example");
        assertThat(display.shown(UserId.parse("bob@isp-a-u.example"))).isEqualTo("bob@isp-a.example");
        assertThat(display.shownUser("bob")).hasToString("bob@isp-a.example");
        assertThat(display.isUniversal(UserId.parse("bob@isp-a.example"))).isFalse();
    }

    @Test
    void anAddressOfOursThatNamesNobodyIsShownAsGiven() {
        assertThat(display.shown(UserId.parse("zed@isp-a.example"))).isEqualTo("zed@isp-a.example");
        assertThat(display.shownUser("zed")).hasToString("zed@isp-a.example");
    }
}
