package org.universalim.profile.control;

import org.junit.jupiter.api.Test;
import org.universalim.profile.entity.AccessModel;
import org.universalim.profile.entity.PersonalNode.SendLast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node's configuration under publish options (XEP-0223) and configuration forms (XEP-0060 section 16.4). */
class NodeConfigTest {

    private static final int BOUND = 256;

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], List.of(pairs[i + 1]));
        }
        return fields;
    }

    @Test
    void aNewNodeIsForContactsKeepsItsLastItemAndSendsItAtPresence() {
        assertThat(NodeConfig.defaults()).isEqualTo(new NodeConfig(AccessModel.PRESENCE, true, 1, SendLast.ON_SUB_AND_PRESENCE, true));
    }

    @Test
    void bookmarksAsConverseAsksForThem() throws Exception {
        NodeConfig bookmarks = NodeConfig.defaults().with(fields("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options",
                "pubsub#persist_items", "true", "pubsub#max_items", "max", "pubsub#send_last_published_item", "never",
                "pubsub#access_model", "whitelist"), BOUND);
        assertThat(bookmarks).isEqualTo(new NodeConfig(AccessModel.WHITELIST, true, BOUND, SendLast.NEVER, true));
        assertThat(bookmarks.fields(BOUND)).containsEntry("pubsub#max_items", "max").containsEntry("pubsub#access_model", "whitelist");
    }

    @Test
    void publishOptionsArePreconditionsOfAnExistingNode() {
        NodeConfig open = new NodeConfig(AccessModel.OPEN, true, 1, SendLast.ON_SUB_AND_PRESENCE, true);
        assertThat(open.meets(fields("pubsub#access_model", "open"), BOUND)).isTrue();
        assertThat(open.meets(fields("pubsub#access_model", "open", "pubsub#persist_items", "1"), BOUND)).isTrue();
        assertThat(open.meets(fields("pubsub#access_model", "presence"), BOUND)).isFalse();
        assertThat(open.meets(fields("pubsub#max_items", "max"), BOUND)).isFalse();
        assertThat(open.meets(fields("pubsub#access_model", "roster"), BOUND)).isFalse();
        // fields this service does not configure are no precondition
        assertThat(open.meets(fields("pubsub#title", "Devices"), BOUND)).isTrue();
    }

    @Test
    void valuesThatCannotBeHadAreRefused() {
        NodeConfig base = NodeConfig.defaults();
        assertThatThrownBy(() -> base.with(fields("pubsub#max_items", "257"), BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class)
                .hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> base.with(fields("pubsub#max_items", "0"), BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class);
        assertThatThrownBy(() -> base.with(fields("pubsub#max_items", "many"), BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class);
        assertThatThrownBy(() -> base.with(fields("pubsub#access_model", "authorize"), BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class);
        assertThatThrownBy(() -> base.with(fields("pubsub#persist_items", "maybe"), BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class);
        assertThatThrownBy(() -> base.with(fields("pubsub#deliver_payloads", "false"), BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class);
        assertThatThrownBy(() -> base.with(fields("pubsub#send_last_published_item", "sometimes"), BOUND))
                .isInstanceOf(NodeConfig.Unsatisfiable.class);
    }

    @Test
    void anEmptyValueIsNotTakenForAnything() {
        Map<String, List<String>> noValue = new LinkedHashMap<>();
        noValue.put("pubsub#access_model", List.of());
        assertThatThrownBy(() -> NodeConfig.defaults().with(noValue, BOUND)).isInstanceOf(NodeConfig.Unsatisfiable.class);
    }
}
