package org.universalim.it.xmpp;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal eventing (XEP-0163) across server-to-server XMPP with a real Prosody (docs/xmpp-tcp.md): a universal user of
 * ISP A and a Prosody user, subscribed both ways, each with {@code +notify} for the OMEMO device list in their entity
 * capabilities, are told of the other's new device list as a headline message
 * from the publisher's bare JID; the Prosody user reads the universal user's node from her bare JID, a stranger may
 * not.
 */
class S2sPepIT {

    static final String DEVICELIST = "eu.siacs.conversations.axolotl.devicelist";

    static IspServer isp;
    static Prosody prosody;

    @BeforeAll
    static void start() throws Exception {
        AnyPayload.register("list", "eu.siacs.conversations.axolotl");
        isp = IspServer.a();
        RawS2s.awaitListening(isp.s2sPort());
        prosody = new Prosody(Map.of(isp.universalDomain(), isp.s2sPort()));
    }

    @AfterAll
    static void stop() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void aUniversalUsersDeviceListIsNotifiedToAProsodyContactWhoAskedForIt() throws Exception {
        Pair p = subscribed();
        try {
            // ISP A learns bob's interests from his presence's capabilities (asking his client over s2s once): until then
            // nothing is sent, so alice publishes again until bob is told
            AtomicInteger device = new AtomicInteger(1000);
            RemoteXmpp.slow().pollInterval(Duration.ofSeconds(1))
                    .until(() -> p.atBob.contains("device:" + device.get()) || publishedAgain(p.a, device));
        } finally {
            p.close();
        }
    }

    @Test
    void aProsodyUsersDeviceListIsNotifiedToAUniversalContactWhoAskedForIt() throws Exception {
        Pair p = subscribed();
        try {
            AtomicInteger device = new AtomicInteger(2000);
            RemoteXmpp.slow().pollInterval(Duration.ofSeconds(1))
                    .until(() -> p.atAlice.contains("device:" + device.get()) || publishedAgain(p.b, device));
        } finally {
            p.close();
        }
    }

    @Test
    void aProsodyContactReadsAUniversalUsersDeviceListAndAStrangerMayNot() throws Exception {
        Pair p = subscribed();
        String carol = Users.unique("carol");
        prosody.register(carol, Users.PASSWORD);
        XMPPTCPConnection c = RemoteXmpp.user(Prosody.DOMAIN, Prosody.c2sPort(), carol, Users.PASSWORD, "gajim");
        try {
            publish(p.a, 3001);
            org.jxmpp.jid.BareJid alice = p.a.getUser().asBareJid();
            // bob, whom alice lets see her presence, reads her node (XEP-0060 6.5) from her bare JID over s2s, as an
            // OMEMO client reads a contact's device list or bundle; the node's access model is presence
            IQ items = p.b.sendIqRequestAndWaitForResponse(itemsOf(alice));
            assertThat(items.getType()).isEqualTo(IQ.Type.result);
            assertThat(items.toXML().toString()).containsPattern("<device[^>]* id=['\"]3001['\"]");
            // carol, who does not see alice's presence, may not (XEP-0060 6.5.9.4: presence-subscription-required)
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> c.sendIqRequestAndWaitForResponse(itemsOf(alice)));
            assertThat(refused).isInstanceOf(org.jivesoftware.smack.XMPPException.XMPPErrorException.class);
            org.jivesoftware.smack.packet.StanzaError error = ((org.jivesoftware.smack.XMPPException.XMPPErrorException) refused).getStanzaError();
            assertThat(error.getCondition()).isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.not_authorized);
            assertThat(error.toXML().toString()).doesNotContain("3001");
        } finally {
            c.disconnect();
            p.close();
        }
    }

    /** An items request for the device list node of {@code owner}. */
    private static IQ itemsOf(org.jxmpp.jid.BareJid owner) {
        IQ get = new IQ("pubsub", "http://jabber.org/protocol/pubsub") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.rightAngleBracket();
                xml.append("<items node='" + DEVICELIST + "'/>");
                return xml;
            }
        };
        get.setType(IQ.Type.get);
        get.setTo(owner);
        return get;
    }

    /** A universal user alice (ISP A) and a Prosody user bob, subscribed both ways, each listening for the other's lists. */
    private record Pair(XMPPTCPConnection a, XMPPTCPConnection b, List<String> atAlice, List<String> atBob) implements AutoCloseable {
        @Override
        public void close() {
            a.disconnect();
            b.disconnect();
        }
    }

    private static Pair subscribed() throws Exception {
        String alice = Users.register(isp, "alice", true);
        String bob = Users.unique("bob");
        prosody.register(bob, Users.PASSWORD);
        EntityBareJid aliceJid = JidCreate.entityBareFrom(alice + "@" + isp.universalDomain());
        EntityBareJid bobJid = JidCreate.entityBareFrom(bob + "@" + Prosody.DOMAIN);
        XMPPTCPConnection a = TcpClients.login(TcpClients.starttls(isp, alice, Users.PASSWORD, "desktop"));
        XMPPTCPConnection b = RemoteXmpp.user(Prosody.DOMAIN, Prosody.c2sPort(), bob, Users.PASSWORD, "dino");
        Pair p = new Pair(a, b, told(a, bobJid), told(b, aliceJid));
        try {
            RemoteXmpp.subscribeBothWays(a, b, aliceJid, bobJid);
        } catch (Exception | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Publishes the next device list (and says it is not seen yet). */
    static boolean publishedAgain(XMPPTCPConnection c, AtomicInteger device) throws Exception {
        publish(c, device.incrementAndGet());
        return false;
    }

    /**
     * The device lists {@code c} is told of by {@code publisher} (headline messages with a pubsub event); its
     * capabilities now ask for them ({@code +notify}, which Smack announces in a new presence).
     */
    static List<String> told(XMPPTCPConnection c, EntityBareJid publisher) {
        List<String> told = new CopyOnWriteArrayList<>();
        c.addAsyncStanzaListener(s -> {
            if (s.getFrom() != null && s.getFrom().equals(publisher)
                    && s.hasExtension("event", "http://jabber.org/protocol/pubsub#event")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<device[^>]* id=['\"](\\d+)").matcher(s.toXML().toString());
                while (m.find()) {
                    told.add("device:" + m.group(1));
                }
            }
        }, org.jivesoftware.smack.filter.MessageTypeFilter.HEADLINE);
        org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(c).addFeature(DEVICELIST + "+notify");
        return told;
    }

    /** Publishes a device list with one device on the user's own account (XEP-0163, XEP-0384's legacy node). */
    static void publish(XMPPTCPConnection c, int device) throws Exception {
        IQ publish = new IQ("pubsub", "http://jabber.org/protocol/pubsub") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.rightAngleBracket();
                xml.append("<publish node='" + DEVICELIST + "'><item id='current'><list xmlns='eu.siacs.conversations.axolotl'>"
                        + "<device id='" + device + "'/></list></item></publish>");
                return xml;
            }
        };
        publish.setType(IQ.Type.set);
        assertThat(c.sendIqRequestAndWaitForResponse(publish).getType()).isEqualTo(IQ.Type.result);
    }
}
