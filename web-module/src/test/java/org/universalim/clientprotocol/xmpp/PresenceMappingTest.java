package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.presence.entity.DeviceState;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresenceMappingTest {

    @Test
    void showMapsOntoDeviceStates() {
        assertThat(PresenceMapping.stateOf(null, null)).isEqualTo(DeviceState.READY);
        assertThat(PresenceMapping.stateOf("chat", null)).isEqualTo(DeviceState.READY);
        assertThat(PresenceMapping.stateOf("away", null)).isEqualTo(DeviceState.AWAY);
        assertThat(PresenceMapping.stateOf("xa", null)).isEqualTo(DeviceState.AWAY);
        assertThat(PresenceMapping.stateOf("dnd", null)).isEqualTo(DeviceState.DO_NOT_DISTURB);
        assertThat(PresenceMapping.stateOf("dnd", "busy")).isEqualTo(DeviceState.BUSY);
        assertThatThrownBy(() -> PresenceMapping.stateOf("sleeping", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresenceMapping.stateOf(null, "offline")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deviceStatesShowAsXmpp() {
        assertThat(PresenceMapping.showOf(DeviceState.READY)).isNull();
        assertThat(PresenceMapping.showOf(DeviceState.AWAY)).isEqualTo("away");
        assertThat(PresenceMapping.showOf(DeviceState.BUSY)).isEqualTo("dnd");
        assertThat(PresenceMapping.showOf(DeviceState.DO_NOT_DISTURB)).isEqualTo("dnd");
        assertThat(PresenceMapping.statusOf(DeviceState.BUSY, null)).isEqualTo("busy");
        assertThat(PresenceMapping.statusOf(DeviceState.BUSY, "call")).isEqualTo("call");
        assertThat(PresenceMapping.statusOf(DeviceState.DO_NOT_DISTURB, null)).isNull();
    }

    @Test
    void priorityOrdersDevicesHigherFirstAndKeepsTheOrderOfEquals() {
        List<String> current = List.of("pc", "pda", "phone", "laptop");
        assertThat(PresenceMapping.orderByPriority(current, Map.of("laptop", 10))).containsExactly("laptop", "pc", "pda", "phone");
        assertThat(PresenceMapping.orderByPriority(current, Map.of("pc", -1))).containsExactly("pda", "phone", "laptop", "pc");
        assertThat(PresenceMapping.orderByPriority(current, Map.of("pc", 5, "phone", 5))).containsExactly("pc", "phone", "pda", "laptop");
        assertThat(PresenceMapping.orderByPriority(current, Map.of())).isEqualTo(current);
    }

    @Test
    void priorityValuesAreChecked() {
        assertThat(PresenceMapping.priorityOf(null)).isZero();
        assertThat(PresenceMapping.priorityOf(" -5 ")).isEqualTo(-5);
        assertThatThrownBy(() -> PresenceMapping.priorityOf("128")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresenceMapping.priorityOf("high")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PresenceMapping.priorityForRank(0, 3)).isEqualTo(3);
        assertThat(PresenceMapping.priorityForRank(2, 3)).isEqualTo(1);
    }
}
