package org.universalim.clientprotocol.xmpp.handler;

import org.junit.jupiter.api.Test;

import javax.xml.namespace.QName;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IqHandlersTest {

    /** A handler of these payloads that does nothing. */
    static IqHandler handling(QName... payloads) {
        return new IqHandler() {
            @Override
            public List<QName> handles() {
                return List.of(payloads);
            }

            @Override
            public void handle(IqRequest request) {
            }
        };
    }

    @Test
    void aHandlerIsFoundByItsPayloadsNamespaceAndName() {
        IqHandler ping = handling(new QName("urn:xmpp:ping", "ping"));
        IqHandler alerts = handling(new QName("urn:example:alerts", "alert"), new QName("urn:example:alerts", "cancel"));
        IqHandlers registry = IqHandlers.of(List.of(ping, alerts));

        assertThat(registry.find("urn:xmpp:ping", "ping")).isSameAs(ping);
        assertThat(registry.find("urn:example:alerts", "alert")).isSameAs(alerts);
        assertThat(registry.find("urn:example:alerts", "cancel")).isSameAs(alerts);
        assertThat(registry.find("urn:example:alerts", "ping")).as("the name counts, not only the namespace").isNull();
        assertThat(registry.find("urn:xmpp:unknown", "ping")).isNull();
    }

    @Test
    void twoHandlersOfOnePayloadAreRefused() {
        List<IqHandler> clash = List.of(handling(new QName("urn:xmpp:ping", "ping")), handling(new QName("urn:xmpp:ping", "ping")));
        assertThatThrownBy(() -> IqHandlers.of(clash)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{urn:xmpp:ping}ping");
    }
}
