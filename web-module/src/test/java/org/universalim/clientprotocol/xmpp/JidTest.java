package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JidTest {

    @Test
    void parsesFullBareAndDomainJids() {
        Jid full = Jid.parse("Alice@ISP-A-U.example/Laptop/2");
        assertThat(full.local()).isEqualTo("alice");
        assertThat(full.domain()).isEqualTo("isp-a-u.example");
        assertThat(full.resource()).isEqualTo("Laptop/2");
        assertThat(full.toString()).isEqualTo("alice@isp-a-u.example/Laptop/2");
        assertThat(full.bare().toString()).isEqualTo("alice@isp-a-u.example");
        assertThat(full.userId()).isEqualTo(UserId.parse("alice@isp-a-u.example"));

        Jid domain = Jid.parse("isp-a-u.example");
        assertThat(domain.isDomain()).isTrue();
        assertThat(domain.isBare()).isTrue();
        assertThat(Jid.of(UserId.parse("bob@isp-a.example"), "pc").toString()).isEqualTo("bob@isp-a.example/pc");
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        assertThatThrownBy(() -> Jid.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jid.parse("a@b@c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jid.parse("alice@isp-a-u.example/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jid.parse("@isp-a-u.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jid.domain("x").userId()).isInstanceOf(IllegalStateException.class);
    }
}
