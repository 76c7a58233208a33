package org.universalim.clientprotocol.xmpp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.universalim.clientprotocol.xmpp.RecordingTransport;
import org.universalim.clientprotocol.xmpp.StanzaReader;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.extension.AlertsHandler;
import org.universalim.clientprotocol.xmpp.extension.ImExtension;
import org.universalim.clientprotocol.xmpp.stream.ResourceBinding;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** disco#info lists what the handlers and extensions declare: exactly the features the server offers. */
class DiscoFeaturesTest {

    /**
     * Everything that declares features, as CDI finds it in the application: every {@code @ApplicationScoped}
     * class of the XMPP packages that implements {@link ServerFeatures}. A new handler is found here too, and the
     * lists below say what disco#info shows.
     */
    static final List<ServerFeatures> ALL = discover();

    private static List<ServerFeatures> discover() {
        try {
            Path classes = Path.of(XmppConnection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<ServerFeatures> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes.resolve("org/universalim/clientprotocol/xmpp"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name);
                    if (ServerFeatures.class.isAssignableFrom(type) && type.isAnnotationPresent(ApplicationScoped.class)) {
                        found.add((ServerFeatures) type.getDeclaredConstructor().newInstance());
                    }
                }
            }
            return found;
        } catch (ReflectiveOperationException | IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDiscoveryFindsTheHandlers() {
        assertThat(ALL).hasAtLeastOneElementOfType(PingHandler.class).hasAtLeastOneElementOfType(ImExtension.class)
                .hasAtLeastOneElementOfType(ResourceBinding.class).hasAtLeastOneElementOfType(AlertsHandler.class);
    }

    @Test
    void theServersFeaturesAreWhatItsHandlersDeclare() {
        DiscoFeatures features = DiscoFeatures.of(ALL);
        assertThat(features.server()).containsExactly("http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                "jabber:iq:last", "jabber:iq:register", "jabber:iq:roster", "jabber:iq:version", "msgoffline", "urn:universal-im:alerts:1",
                "urn:universal-im:availability:1", "urn:universal-im:devices:1", "urn:universal-im:message:1",
                "urn:universal-im:presence:1", "urn:universal-im:rules:1", "urn:xmpp:blocking", "urn:xmpp:carbons:2", "urn:xmpp:ping", "vcard-temp");
        // every account is a personal eventing service (XEP-0163) with a card (XEP-0054)
        String pubsub = "http://jabber.org/protocol/pubsub#";
        assertThat(features.account()).containsExactly("http://jabber.org/protocol/disco#info",
                "http://jabber.org/protocol/disco#items", pubsub + "access-open", pubsub + "access-presence", pubsub + "access-whitelist",
                pubsub + "auto-create", pubsub + "auto-subscribe", pubsub + "config-node", pubsub + "create-and-configure",
                pubsub + "create-nodes", pubsub + "delete-items", pubsub + "delete-nodes", pubsub + "filtered-notifications",
                pubsub + "item-ids", pubsub + "last-published", pubsub + "persistent-items", pubsub + "presence-notifications",
                pubsub + "publish", pubsub + "publish-options", pubsub + "purge-nodes", pubsub + "retrieve-default",
                pubsub + "retrieve-items", "jabber:iq:last", "urn:xmpp:mam:2", "urn:xmpp:sid:0", "vcard-temp");
    }

    @Test
    void everyIqNamespaceOfTheServerHasOneHandler() {
        // two handlers of one payload would throw here
        List<IqHandler> handlers = ALL.stream().filter(IqHandler.class::isInstance).map(IqHandler.class::cast).toList();
        IqHandlers registry = IqHandlers.of(handlers);
        for (String ns : List.of("jabber:iq:roster", "jabber:iq:register", "jabber:iq:last", "http://jabber.org/protocol/disco#info",
                "http://jabber.org/protocol/disco#items", "urn:universal-im:devices:1", "jabber:iq:version")) {
            assertThat(registry.find(ns, "query")).as(ns).isNotNull();
        }
        assertThat(registry.find("urn:xmpp:ping", "ping")).isInstanceOf(PingHandler.class);
        assertThat(registry.find("urn:universal-im:alerts:1", "cancel")).isInstanceOf(AlertsHandler.class);
        assertThat(registry.find("vcard-temp", "vCard")).isNotNull();
        assertThat(registry.find("http://jabber.org/protocol/pubsub", "pubsub")).isNotNull();
        assertThat(registry.find("http://jabber.org/protocol/pubsub#owner", "pubsub")).isNotNull();
        assertThat(registry.find("urn:xmpp:mam:2", "query")).isNotNull();
        assertThat(registry.find("urn:xmpp:mam:2", "prefs")).isNotNull();
        assertThat(registry.find("urn:xmpp:carbons:2", "enable")).isNotNull();
    }

    @Test
    void theServersDiscoInfoShowsItsIdentityAndFeatures() throws Exception {
        DiscoInfoHandler disco = new DiscoInfoHandler();
        disco.features = DiscoFeatures.of(List.of(new PingHandler(), new RosterHandler()));
        XmppConnection conn = RecordingTransport.bound("alice@isp-a-u.example", "pc");
        StanzaRouter router = new StanzaRouter();
        router.iqs = IqHandlers.of(List.of(disco));

        router.route(conn, new StanzaReader().read("<iq xmlns='jabber:client' type='get' id='i1' to='isp-a-u.example'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));
        router.route(conn, new StanzaReader().read("<iq xmlns='jabber:client' type='get' id='i2'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info' node='x'/></iq>"));
        router.route(conn, new StanzaReader().read("<iq xmlns='jabber:client' type='set' id='i3'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

        List<String> written = ((RecordingTransport) conn.transport()).written;
        assertThat(written.get(0)).isEqualTo("<iq xmlns=\"jabber:client\" type=\"result\" id=\"i1\" from=\"isp-a-u.example\" "
                + "to=\"alice@isp-a-u.example/pc\"><query xmlns=\"http://jabber.org/protocol/disco#info\">"
                + "<identity category=\"server\" type=\"im\" name=\"Universal IM\"/><feature var=\"jabber:iq:roster\"/>"
                + "<feature var=\"urn:xmpp:ping\"/></query></iq>");
        assertThat(written.get(1)).contains("<item-not-found ");
        assertThat(written.get(2)).contains("<bad-request ");
    }
}
