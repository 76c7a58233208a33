package org.universalim.federation.control;

import org.junit.jupiter.api.Test;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.AnnounceRequest;
import org.universalim.federation.wire.AvailabilityInfo;
import org.universalim.federation.wire.ConnectionResponse;
import org.universalim.federation.wire.DeviceInfo;
import org.universalim.federation.wire.DeviceWindowsInfo;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.RouteInfo;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.WindowInfo;
import org.universalim.federation.wire.CapabilityInfo;
import org.universalim.federation.wire.ItemInfo;
import org.universalim.federation.wire.PayloadInfo;
import org.universalim.federation.wire.IqForward;
import org.universalim.federation.wire.PepEventBatch;
import org.universalim.federation.wire.ProfileQuery;
import org.universalim.federation.wire.ProfileResponse;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;

import javax.xml.transform.stream.StreamSource;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JAXB classes against the XSD, and the codec's refusals of unsafe XML. */
class WireCodecTest {

    private static void assertValid(String xml) throws Exception {
        WireCodec.schemaForValidation().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static PresenceInfo presence() {
        PresenceInfo p = new PresenceInfo();
        p.user = "bob@isp-b-u.example";
        p.aggregate = "READY";
        p.available = true;
        DeviceInfo d = new DeviceInfo();
        d.name = "pc";
        d.type = "PC";
        d.state = "READY";
        d.securityLevel = 1;
        d.applications = List.of("text", "file");
        p.devices.add(d);
        return p;
    }

    @Test
    void everyKindOfElementWeWriteIsValidAndReadsBack() throws Exception {
        MessageBatch batch = new MessageBatch();
        batch.transactionId = "tx-1";
        MessageBatch.Message m = new MessageBatch.Message();
        m.id = "0b7c3a5e-5d2b-4f6e-9a8b-0c1d2e3f4a5b";
        m.from = "alice@isp-a-u.example";
        m.to = "bob@isp-b-u.example";
        m.application = "text";
        m.securityLevel = 0;
        m.sentAt = Instant.parse("2026-11-24T10:00:00.123Z");
        m.body = "Hello <Bob> & \"friends\"";
        batch.messages.add(m);
        String xml = WireCodec.write(batch);
        assertValid(xml);
        MessageBatch back = WireCodec.read(xml, MessageBatch.class);
        assertThat(back.messages.get(0).body).isEqualTo(m.body);
        assertThat(back.messages.get(0).sentAt).isEqualTo(m.sentAt);

        PresenceUpdate update = new PresenceUpdate();
        update.transactionId = "tx-2";
        update.presences.add(presence());
        assertValid(WireCodec.write(update));
        assertThat(WireCodec.read(WireCodec.write(update), PresenceUpdate.class).presences.get(0).devices.get(0).applications)
                .containsExactly("text", "file");

        ConnectionResponse answer = new ConnectionResponse();
        answer.transactionId = "tx-3";
        answer.contact = "bob@isp-b-u.example";
        answer.status = "not_available";
        answer.reason = "NO_DEVICE_ONLINE";
        answer.route = new RouteInfo();
        answer.route.isp = "isp-b.example";
        answer.presence = presence();
        answer.availability = new AvailabilityInfo();
        answer.availability.user = "bob@isp-b-u.example";
        answer.availability.timeZone = "Europe/Paris";
        answer.availability.weeks = 4;
        answer.availability.threshold = 0.5;
        DeviceWindowsInfo dw = new DeviceWindowsInfo();
        dw.device = "pc";
        dw.type = "PC";
        WindowInfo w = new WindowInfo();
        w.from = "09:00";
        w.until = "17:00";
        w.days = List.of("MONDAY", "FRIDAY");
        dw.windows.add(w);
        answer.availability.devices.add(dw);
        assertValid(WireCodec.write(answer));
        assertThat(WireCodec.read(WireCodec.write(answer), ConnectionResponse.class).availability.devices.get(0).windows.get(0).from)
                .isEqualTo("09:00");

        AnnounceRequest announce = new AnnounceRequest();
        announce.transactionId = "tx-4";
        AnnounceRequest.User u = new AnnounceRequest.User();
        u.address = "carol@isp-c-u.example";
        u.since = Instant.now();
        announce.users.add(u);
        assertValid(WireCodec.write(announce));
        assertValid(WireCodec.write(new Ack("tx-5", 3)));
    }

    @Test
    void refusesADoctypeAndAnEntityBomb() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <trackRequest xmlns="urn:universal-im:federation:1" transactionId="t" watcher="a@x.example" user="&lol2;@y.example"/>""";
        assertThatThrownBy(() -> WireCodec.read(bomb, TrackRequest.class)).isInstanceOf(WireCodec.Refused.class)
                .hasMessageContaining("DOCTYPE");
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <trackRequest xmlns="urn:universal-im:federation:1" transactionId="t" watcher="a@x.example" user="&xxe;"/>""";
        assertThatThrownBy(() -> WireCodec.read(external, TrackRequest.class)).isInstanceOf(WireCodec.Refused.class);
    }

    @Test
    void refusesInvalidDocuments() {
        assertThatThrownBy(() -> WireCodec.read("<trackRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"t\" "
                + "watcher=\"NOT AN ADDRESS\" user=\"b@isp-b.example\"/>", TrackRequest.class))
                .isInstanceOf(WireCodec.Refused.class).hasMessageContaining("valid");
        assertThatThrownBy(() -> WireCodec.read("<trackRequest transactionId=\"t\"/>", TrackRequest.class))
                .isInstanceOf(WireCodec.Refused.class);
        assertThatThrownBy(() -> WireCodec.read("not xml", TrackRequest.class)).isInstanceOf(WireCodec.Refused.class);
        String deep = "<a>".repeat(100) + "</a>".repeat(100);
        assertThatThrownBy(() -> WireCodec.read(deep, TrackRequest.class)).isInstanceOf(WireCodec.Refused.class);
        assertThatThrownBy(() -> {
            javax.xml.stream.XMLStreamReader r = WireCodec.newReader(new java.io.ByteArrayInputStream(deep.getBytes()));
            while (r.hasNext()) {
                r.next();
            }
        }).hasMessageContaining("deeper");
        assertThatThrownBy(() -> WireCodec.read(new byte[WireCodec.MAX_BYTES + 1], TrackRequest.class))
                .isInstanceOf(WireCodec.Refused.class).hasMessageContaining("larger");
    }

    @Test
    void aValidElementOfAnotherOperationIsRefused() throws Exception {
        String status = "<statusRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"t\"/>";
        assertThatThrownBy(() -> WireCodec.read(status, MessageBatch.class)).isInstanceOf(WireCodec.Refused.class)
                .hasMessageContaining("messageBatch").hasMessageContaining("statusRequest");
        String foreign = "<statusRequest xmlns=\"urn:evil\" transactionId=\"t\"/>";
        assertThatThrownBy(() -> WireCodec.read(foreign, org.universalim.federation.wire.StatusRequest.class))
                .isInstanceOf(WireCodec.Refused.class).hasMessageContaining("another namespace");
        assertThat(WireCodec.read(status, org.universalim.federation.wire.StatusRequest.class).transactionId).isEqualTo("t");
    }

    @Test
    void refusalsNameNoParserInternals() {
        for (String xml : new String[] {"not xml", "<trackRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"t\">",
                "<trackRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"t\" watcher=\"W\" user=\"b@y.example\"/>",
                "<trackRequest xmlns=\"urn:universal-im:federation:1\" transactionId=\"t\" watcher=\"a@x.example\" user=\"b@y.example\"><x/></trackRequest>"}) {
            assertThatThrownBy(() -> WireCodec.read(xml, TrackRequest.class)).isInstanceOf(WireCodec.Refused.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("exception").doesNotContain("ParseError")
                            .doesNotContain("[row,col]").doesNotContain("com.sun").doesNotContain("javax.").doesNotContain("jakarta."));
        }
    }

    @Test
    void anIqBetweenResourcesCarriesItsChildrenAndReadsBack() throws Exception {
        IqForward iq = new IqForward();
        iq.transactionId = "iq-1";
        iq.from = "alice@isp-a-u.example";
        iq.fromResource = "laptop";
        iq.to = "bob@isp-b-u.example";
        iq.toResource = "phone";
        iq.type = "get";
        iq.id = "v1";
        iq.payloads.add(new PayloadInfo(ForeignXml.element("<query xmlns='jabber:iq:version'/>", 1000, 8)));
        String xml = WireCodec.write(iq);
        assertValid(xml);
        IqForward read = WireCodec.read(xml, IqForward.class);
        assertThat(read.toResource).isEqualTo("phone");
        assertThat(ForeignXml.text(read.payloads.get(0).element, 1000, 8)).isEqualTo("<query xmlns=\"jabber:iq:version\"/>");
        String wrongType = xml.replace("type=\"get\"", "type=\"chat\"");
        assertThatThrownBy(() -> WireCodec.read(wrongType, IqForward.class)).isInstanceOf(WireCodec.Refused.class);
    }

    @Test
    void theProfileOperationsCarryForeignXmlAndReadBack() throws Exception {
        ProfileQuery query = new ProfileQuery();
        query.transactionId = "q-1";
        query.requester = "bob@isp-b-u.example";
        query.owner = "alice@isp-a-u.example";
        query.kind = ProfileQuery.ITEMS;
        query.node = "eu.siacs.conversations.axolotl.devicelist";
        query.max = 1;
        query.itemIds.add("current");
        String q = WireCodec.write(query);
        assertValid(q);
        assertThat(WireCodec.read(q, ProfileQuery.class).itemIds).containsExactly("current");

        ProfileResponse answer = new ProfileResponse();
        answer.transactionId = "q-1";
        answer.status = ProfileResponse.OK;
        answer.items.add(new ItemInfo("current", ForeignXml.element(
                "<list xmlns='eu.siacs.conversations.axolotl'><device id='31337'/></list>", 1000, 8)));
        answer.nodes.add(new ProfileResponse.NodeInfo("eu.siacs.conversations.axolotl.devicelist", "open"));
        String a = WireCodec.write(answer);
        assertValid(a);
        ProfileResponse read = WireCodec.read(a, ProfileResponse.class);
        assertThat(ForeignXml.text(read.items.get(0).payload, 1000, 8))
                .isEqualTo("<list xmlns=\"eu.siacs.conversations.axolotl\"><device id=\"31337\"/></list>");

        PepEventBatch batch = new PepEventBatch();
        batch.transactionId = "e-1";
        PepEventBatch.Event event = new PepEventBatch.Event();
        event.publisher = "alice@isp-a-u.example";
        event.node = "urn:xmpp:avatar:metadata";
        event.kind = "item";
        event.itemId = "1a2b";
        event.recipients.add(new PepEventBatch.Recipient("bob@isp-b-u.example"));
        event.payload = new PayloadInfo(ForeignXml.element("<metadata xmlns='urn:xmpp:avatar:metadata'><info id='1a2b' bytes='9'/>"
                + "</metadata>", 1000, 8));
        batch.events.add(event);
        String e = WireCodec.write(batch);
        assertValid(e);
        PepEventBatch events = WireCodec.read(e, PepEventBatch.class);
        assertThat(events.events.get(0).payload.element.getLocalName()).isEqualTo("metadata");
        assertThat(events.events.get(0).recipients).extracting(r -> r.address).containsExactly("bob@isp-b-u.example");
    }

    @Test
    void carriedXmlIsOfAnotherNamespaceThanTheContracts() {
        String ours = "<pepEventBatch xmlns='urn:universal-im:federation:1' transactionId='e'><event publisher='a@isp-a-u.example' "
                + "node='n' kind='item' itemId='i'><recipient address='b@isp-b-u.example'/><payload><ack transactionId='x' accepted='1'/>"
                + "</payload></event></pepEventBatch>";
        assertThatThrownBy(() -> WireCodec.read(ours, PepEventBatch.class)).isInstanceOf(WireCodec.Refused.class);
        String none = ours.replace("<ack transactionId='x' accepted='1'/>", "<list/>");
        assertThatThrownBy(() -> WireCodec.read(none, PepEventBatch.class)).isInstanceOf(WireCodec.Refused.class);
    }

    @Test
    void capabilitiesAreListedOnlyWhenAskedSoTheFirstVersionsAnswersStayValid() throws Exception {
        // what a server of the first version sends and reads is valid as it was
        assertValid("<statusRequest xmlns='urn:universal-im:federation:1' transactionId='s1'/>");
        assertValid("<statusResponse xmlns='urn:universal-im:federation:1' domain='isp-b.example' universalDomain='isp-b-u.example' "
                + "node='node1' version='1' time='2026-11-24T10:00:00Z' peer='isp-a.example'/>");
        StatusRequest asked = new StatusRequest();
        asked.transactionId = "s2";
        asked.capabilities = true;
        assertValid(WireCodec.write(asked));
        StatusRequest plain = new StatusRequest();
        plain.transactionId = "s3";
        assertThat(WireCodec.write(plain)).doesNotContain("capabilities");
        StatusResponse status = new StatusResponse();
        status.domain = "isp-b.example";
        status.universalDomain = "isp-b-u.example";
        status.node = "node1";
        status.version = "1";
        status.time = Instant.parse("2026-11-24T10:00:00Z");
        status.peer = "isp-a.example";
        assertThat(WireCodec.write(status)).doesNotContain("capability");
        status.capabilities.add(new CapabilityInfo("profile"));
        assertValid(WireCodec.write(status));
        assertThat(WireCodec.read(WireCodec.write(status), StatusResponse.class).capabilities).extracting(c -> c.name)
                .containsExactly("profile");
    }
}
