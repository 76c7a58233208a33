package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.entity.Subscription;
import org.universalim.routing.boundary.Delivery;
import org.universalim.routing.boundary.ReceiptStatus;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of delivery as the stanza an XMPP client reads. */
class DeliveryEncoderTest {

    private static final Jid ALICE = Jid.parse("alice@isp-a-u.example/laptop");
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private final DeliveryEncoder encoder = new DeliveryEncoder("isp-a-u.example", address -> address + "/phone");

    @Test
    void aMessageInTheUniversalFormatFromTheSendersFullJid() {
        assertThat(encoder.message(new Delivery.Message("m-1", "bob@isp-a-u.example", "alice@isp-a-u.example", "text", 1, "Hi <you>",
                AT, false, "xml", null), ALICE)).isEqualTo("<message xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/phone\" "
                + "to=\"alice@isp-a-u.example/laptop\" id=\"m-1\" type=\"chat\"><body>Hi &lt;you&gt;</body>"
                + "<im xmlns=\"urn:universal-im:message:1\" application=\"text\" security-level=\"1\"/>"
                + "<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"alice@isp-a-u.example\" id=\"m-1\"/></message>");
    }

    @Test
    void copiesOfSentAndReceivedMessagesAreForwardedFromTheUsersBareJid() {
        Jid phone = Jid.parse("alice@isp-a-u.example/phone");
        assertThat(encoder.copy(new Delivery.Copy(Delivery.Copy.SENT, "m-3", "alice@isp-a-u.example", "bob@isp-a-u.example", "laptop",
                "text", 0, "sent on the laptop", AT, null, null, "laptop"), phone)).isEqualTo("<message xmlns=\"jabber:client\" from=\"alice@isp-a-u.example\" "
                + "to=\"alice@isp-a-u.example/phone\" type=\"chat\"><sent xmlns=\"urn:xmpp:carbons:2\"><forwarded xmlns=\"urn:xmpp:forward:0\">"
                + "<message xmlns=\"jabber:client\" from=\"alice@isp-a-u.example/laptop\" to=\"bob@isp-a-u.example\" id=\"m-3\" type=\"chat\">"
                + "<body>sent on the laptop</body><im xmlns=\"urn:universal-im:message:1\" application=\"text\" security-level=\"0\"/>"
                + "<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"alice@isp-a-u.example\" id=\"m-3\"/></message></forwarded></sent></message>");
        assertThat(encoder.copy(new Delivery.Copy(Delivery.Copy.RECEIVED, "m-4", "bob@isp-a-u.example", "alice@isp-a-u.example", "laptop",
                "text", 0, "got on the laptop", AT, null, null, null), phone)).contains("<received xmlns=\"urn:xmpp:carbons:2\">")
                .contains("from=\"bob@isp-a-u.example/phone\" to=\"alice@isp-a-u.example/laptop\" id=\"m-4\"");
        // a body-less message: its elements, the sending client's id and device, the archive id
        assertThat(encoder.copy(new Delivery.Copy(Delivery.Copy.RECEIVED, "m-5", "bob@isp-a-u.example", "alice@isp-a-u.example", "laptop",
                "text", 0, "", AT, "<displayed xmlns=\"urn:xmpp:chat-markers:0\" id=\"c-1\"/>", "bob-9", "tablet"), phone))
                .contains("<message xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/tablet\" to=\"alice@isp-a-u.example/laptop\" "
                        + "id=\"bob-9\" type=\"chat\"><im xmlns=\"urn:universal-im:message:1\" application=\"text\" security-level=\"0\"/>"
                        + "<displayed xmlns=\"urn:xmpp:chat-markers:0\" id=\"c-1\"/>"
                        + "<stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"alice@isp-a-u.example\" id=\"m-5\"/></message>")
                .doesNotContain("<body");
    }

    @Test
    void aBounceCarriesTheClientsIdAndIsCopiedToTheOtherResourcesAsReceived() {
        Delivery.Receipt failed = new Delivery.Receipt("m-6", "zoe@closed.example", ReceiptStatus.FAILED, null,
                "could not reach closed.example before the deadline", "laptop", "lost-1");
        assertThat(encoder.bounce(failed, ALICE)).isEqualTo("<message xmlns=\"jabber:client\" from=\"zoe@closed.example\" "
                + "to=\"alice@isp-a-u.example/laptop\" type=\"error\" id=\"lost-1\"><error type=\"cancel\">"
                + "<remote-server-timeout xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></message>");
        assertThat(encoder.bounceCopy(failed, Jid.parse("alice@isp-a-u.example/phone"))).isEqualTo("<message xmlns=\"jabber:client\" "
                + "from=\"alice@isp-a-u.example\" to=\"alice@isp-a-u.example/phone\"><received xmlns=\"urn:xmpp:carbons:2\">"
                + "<forwarded xmlns=\"urn:xmpp:forward:0\">" + encoder.bounce(failed, ALICE) + "</forwarded></received></message>");
    }

    @Test
    void aStoredMessageCarriesItsDelay() {
        assertThat(encoder.message(new Delivery.Message("m-2", "bob@isp-a-u.example", "alice@isp-a-u.example", "text", 0, "stored",
                AT, true, "xml", null), ALICE)).endsWith("<im xmlns=\"urn:universal-im:message:1\" application=\"text\" "
                + "security-level=\"0\"/><stanza-id xmlns=\"urn:xmpp:sid:0\" by=\"alice@isp-a-u.example\" id=\"m-2\"/><delay xmlns=\"urn:xmpp:delay\" from=\"isp-a-u.example\" stamp=\"2026-11-24T10:00:00Z\">"
                + "Offline storage</delay></message>");
    }

    @Test
    void aDeviceAsAvailablePresenceWithOurDeviceElement() {
        UserPresence.DevicePresence phone = new UserPresence.DevicePresence("phone", DeviceType.CELL_PHONE, DeviceState.BUSY, null,
                List.of("text", "voice"), 2, false, "198.51.100.7");
        assertThat(encoder.availablePresence("bob@isp-a-u.example/phone", phone, 3, ALICE)).isEqualTo(
                "<presence xmlns=\"jabber:client\" from=\"bob@isp-a-u.example/phone\" to=\"alice@isp-a-u.example/laptop\">"
                        + "<show>dnd</show><status>busy</status><priority>3</priority>"
                        + "<device xmlns=\"urn:universal-im:presence:1\" name=\"phone\" type=\"CELL_PHONE\" state=\"BUSY\" "
                        + "security-level=\"2\" fixed-address=\"false\" endpoint=\"198.51.100.7\">"
                        + "<application>text</application><application>voice</application></device></presence>");
        assertThat(encoder.unavailablePresence("bob@isp-a-u.example/phone", ALICE)).isEqualTo("<presence xmlns=\"jabber:client\" "
                + "from=\"bob@isp-a-u.example/phone\" to=\"alice@isp-a-u.example/laptop\" type=\"unavailable\"/>");
    }

    @Test
    void subscriptionRequestsAndAnswersGoToTheBareJid() {
        assertThat(encoder.subscriptionRequest("bob@isp-a-u.example", "hi", ALICE)).isEqualTo("<presence xmlns=\"jabber:client\" "
                + "from=\"bob@isp-a-u.example\" to=\"alice@isp-a-u.example\" type=\"subscribe\"><status>hi</status></presence>");
        assertThat(encoder.subscriptionRequest("bob@isp-a-u.example", null, ALICE)).isEqualTo("<presence xmlns=\"jabber:client\" "
                + "from=\"bob@isp-a-u.example\" to=\"alice@isp-a-u.example\" type=\"subscribe\"/>");
        assertThat(encoder.subscriptionAnswer("bob@isp-a-u.example", true, ALICE)).isEqualTo("<presence xmlns=\"jabber:client\" "
                + "from=\"bob@isp-a-u.example\" to=\"alice@isp-a-u.example\" type=\"subscribed\"/>");
        assertThat(encoder.subscriptionAnswer("bob@isp-a-u.example", false, ALICE)).contains("type=\"unsubscribed\"");
    }

    @Test
    void aRosterPushWithOurContactFlags() {
        RosterEntry bob = new RosterEntry("bob@isp-a-u.example", "Bob", List.of("friends"), Subscription.TO, true, true, true, null);
        assertThat(encoder.rosterPush(bob, false, "push-7", ALICE)).isEqualTo("<iq xmlns=\"jabber:client\" type=\"set\" id=\"push-7\" "
                + "to=\"alice@isp-a-u.example/laptop\"><query xmlns=\"jabber:iq:roster\"><item jid=\"bob@isp-a-u.example\" name=\"Bob\" "
                + "subscription=\"to\" ask=\"subscribe\"><group>friends</group><contact xmlns=\"urn:universal-im:roster:1\" "
                + "universal=\"true\" same-isp=\"true\"/></item></query></iq>");
        assertThat(encoder.rosterPush(bob, true, "push-8", ALICE)).contains("<item jid=\"bob@isp-a-u.example\" name=\"Bob\" "
                + "subscription=\"remove\"/>");
    }

    @Test
    void aFiredAlertIsAHeadlineFromTheServer() {
        assertThat(encoder.alert(new Delivery.AlertFired(7, "bob@isp-a-u.example", "pc", AT), ALICE)).isEqualTo(
                "<message xmlns=\"jabber:client\" from=\"isp-a-u.example\" to=\"alice@isp-a-u.example/laptop\" type=\"headline\" "
                        + "id=\"alert-7\"><subject>Availability alert</subject><body>bob@isp-a-u.example is available now (on pc)</body>"
                        + "<alert xmlns=\"urn:universal-im:alerts:1\" id=\"7\" jid=\"bob@isp-a-u.example\" device=\"pc\" "
                        + "at=\"2026-11-24T10:00:00Z\"/></message>");
    }

    @Test
    void aResourcesCapabilitiesAreShownWithItsPresence() {
        DeliveryEncoder withCaps = new DeliveryEncoder("isp-a-u.example", a -> a, jid -> jid.endsWith("/phone")
                ? "<c xmlns=\"http://jabber.org/protocol/caps\" hash=\"sha-1\" node=\"n\" ver=\"v\"/>" : "");
        UserPresence.DevicePresence phone = new UserPresence.DevicePresence("phone", DeviceType.CELL_PHONE, DeviceState.READY, null,
                List.of("text"), 0, false, null);
        assertThat(withCaps.availablePresence("bob@isp-a-u.example/phone", phone, 1, ALICE))
                .endsWith("</device><c xmlns=\"http://jabber.org/protocol/caps\" hash=\"sha-1\" node=\"n\" ver=\"v\"/></presence>");
        assertThat(withCaps.availablePresence("bob@isp-a-u.example/pc", phone, 1, ALICE)).endsWith("</device></presence>");
    }

    @Test
    void personalEventsAsXep0060Notifications() {
        assertThat(encoder.personalEvent(new Delivery.PersonalEvent("bob@isp-a-u.example", "urn:xmpp:avatar:metadata", "item", "1a",
                "<metadata xmlns=\"urn:xmpp:avatar:metadata\"/>"), ALICE)).isEqualTo("<message xmlns=\"jabber:client\" "
                + "from=\"bob@isp-a-u.example\" to=\"alice@isp-a-u.example/laptop\" type=\"headline\"><event "
                + "xmlns=\"http://jabber.org/protocol/pubsub#event\"><items node=\"urn:xmpp:avatar:metadata\"><item id=\"1a\">"
                + "<metadata xmlns=\"urn:xmpp:avatar:metadata\"/></item></items></event></message>");
        assertThat(encoder.personalEvent(new Delivery.PersonalEvent("bob@isp-a-u.example", "urn:xmpp:bookmarks:1", "retract", "r@muc",
                null), ALICE)).contains("<items node=\"urn:xmpp:bookmarks:1\"><retract id=\"r@muc\"/></items>");
        assertThat(encoder.personalEvent(new Delivery.PersonalEvent("bob@isp-a-u.example", "n", "delete", null, null), ALICE))
                .contains("<delete node=\"n\"/>");
        assertThat(encoder.personalEvent(new Delivery.PersonalEvent("bob@isp-a-u.example", "n", "item", "big", null), ALICE))
                .contains("<items node=\"n\"><item id=\"big\"/></items>");
    }
}
