package org.universalim.it.xmpp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.Users;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our XMPP extensions (docs/xmpp.md) and the server's own IQs, frame by frame: devices (R3), delivery
 * rules (R4), availability windows and alerts (R7), service discovery, last activity, roster removal.
 */
class XmppExtensionsIT {

    static IspServer isp;

    @BeforeAll
    static void start() {
        isp = IspServer.a();
    }

    private static String jid(String user) {
        return user + "@isp-a-u.example";
    }

    @Test
    void devicesAndDeliveryRules() {
        String user = Users.register(isp, "kim", true);
        try (RawXmppClient c = RawXmppClient.loggedIn(isp, user, Users.PASSWORD, "pc")) {
            c.send("<presence xmlns='jabber:client'/>");
            c.send("<iq xmlns='jabber:client' type='get' id='d1'><query xmlns='urn:universal-im:devices:1'/></iq>");
            assertThat(c.next(f -> f.contains("id=\"d1\""))).contains("type=\"result\"")
                    .contains("<device name=\"pc\" type=\"PC\" state=\"READY\"");
            c.send("<iq xmlns='jabber:client' type='set' id='d2'><query xmlns='urn:universal-im:devices:1'>"
                    + "<device name='phone' type='CELL_PHONE' security-level='2'><link>GPRS</link>"
                    + "<application>text</application><application>voice</application></device></query></iq>");
            String devices = c.next(f -> f.contains("id=\"d2\""));
            assertThat(devices).contains("type=\"result\"").contains("<device name=\"phone\" type=\"CELL_PHONE\" state=\"OFFLINE\"")
                    .contains("<link>GPRS</link>").contains("<application>voice</application>").contains("security-level=\"2\"");

            c.send("<iq xmlns='jabber:client' type='set' id='r1'><rules xmlns='urn:universal-im:rules:1' ack-timeout-ms='3000'>"
                    + "<device>phone</device><device>pc</device></rules></iq>");
            assertThat(c.next(f -> f.contains("id=\"r1\""))).contains("type=\"result\"")
                    .contains("<rules xmlns=\"urn:universal-im:rules:1\" ack-timeout-ms=\"3000\" defaults=\"false\">"
                            + "<device>phone</device><device>pc</device></rules>");
            assertThat(Http.get(isp.uri("/api/v1/me/rules"), user, Users.PASSWORD).json().getJsonArray("deviceOrder").getString(0))
                    .isEqualTo("phone");
            c.send("<iq xmlns='jabber:client' type='set' id='r2'><rules xmlns='urn:universal-im:rules:1'>"
                    + "<device>tv</device></rules></iq>");
            assertThat(c.next(f -> f.contains("id=\"r2\""))).contains("type=\"error\"").contains("<bad-request ")
                    .contains("no device named");
        }
    }

    @Test
    void directedPresenceAndProbes() {
        String alice = Users.register(isp, "uma", true);
        String carol = Users.register(isp, "vic", true);
        try (RawXmppClient c = RawXmppClient.loggedIn(isp, carol, Users.PASSWORD, "pc")) {
            c.send("<presence xmlns='jabber:client'/>");
            try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc")) {
                a.send("<presence xmlns='jabber:client'/>");
                // carol may not see alice: a probe says so
                c.send("<presence xmlns='jabber:client' to='" + jid(alice) + "' type='probe'/>");
                assertThat(c.next(f -> f.contains("type=\"unsubscribed\""))).contains("from=\"" + jid(alice) + "\"");
                // alice shows herself to carol anyway, with directed presence...
                a.send("<presence xmlns='jabber:client' to='" + jid(carol) + "'/>");
                assertThat(c.next(f -> f.startsWith("<presence") && f.contains("from=\"" + jid(alice) + "/pc\"")))
                        .contains("state=\"READY\"").doesNotContain("type=\"unavailable\"");
            }
            // ...and carol learns that she left
            c.next(f -> f.contains("from=\"" + jid(alice) + "/pc\"") && f.contains("type=\"unavailable\""));
        }
    }

    @Test
    void availabilityAlertsLastActivityAndDiscovery() {
        String alice = Users.register(isp, "lea", true);
        String bob = Users.register(isp, "max", true);
        String carol = Users.register(isp, "ned", true);
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc");
             RawXmppClient b = RawXmppClient.loggedIn(isp, bob, Users.PASSWORD, "pc");
             RawXmppClient c = RawXmppClient.loggedIn(isp, carol, Users.PASSWORD, "pc")) {
            a.send("<presence xmlns='jabber:client'/>");
            // alice asks to see bob, who approves before he is even available
            a.send("<presence xmlns='jabber:client' to='" + jid(bob) + "' type='subscribe'/>");
            a.next(f -> f.contains("ask=\"subscribe\""));
            b.send("<presence xmlns='jabber:client' to='" + jid(alice) + "' type='subscribed'/>");
            a.next(f -> f.contains("type=\"subscribed\""));

            // availability windows: alice may see bob's, carol may not
            a.send("<iq xmlns='jabber:client' type='get' id='av1'><availability xmlns='urn:universal-im:availability:1' jid='"
                    + jid(bob) + "'/></iq>");
            assertThat(a.next(f -> f.contains("id=\"av1\""))).contains("type=\"result\"")
                    .contains("jid=\"" + jid(bob) + "\"").contains("<device name=\"pc\" type=\"PC\"");
            c.send("<iq xmlns='jabber:client' type='get' id='av2'><availability xmlns='urn:universal-im:availability:1' jid='"
                    + jid(bob) + "'/></iq>");
            assertThat(c.next(f -> f.contains("id=\"av2\""))).contains("type=\"error\"").contains("<forbidden ");

            // an alert on bob fires as a headline message when he becomes available
            a.send("<iq xmlns='jabber:client' type='set' id='al1'><alert xmlns='urn:universal-im:alerts:1' jid='" + jid(bob) + "'/></iq>");
            assertThat(a.next(f -> f.contains("id=\"al1\""))).contains("type=\"result\"").contains("state=\"PENDING\"");
            b.send("<presence xmlns='jabber:client'/>");
            String headline = a.next(f -> f.contains("type=\"headline\""));
            assertThat(headline).contains("<alert xmlns=\"urn:universal-im:alerts:1\"").contains("device=\"pc\"")
                    .contains("is available now");
            a.send("<iq xmlns='jabber:client' type='get' id='al2'><alerts xmlns='urn:universal-im:alerts:1'/></iq>");
            assertThat(a.next(f -> f.contains("id=\"al2\""))).contains("state=\"FIRED\"");

            // last activity: 0 while connected, then the time since the log-off; nothing for strangers
            a.send("<iq xmlns='jabber:client' type='get' id='l1' to='" + jid(bob) + "'><query xmlns='jabber:iq:last'/></iq>");
            assertThat(a.next(f -> f.contains("id=\"l1\""))).contains("<query xmlns=\"jabber:iq:last\" seconds=\"0\"/>");
            b.send("<presence xmlns='jabber:client' type='unavailable'/>");
            a.next(f -> f.contains("type=\"unavailable\"") && f.contains(jid(bob) + "/pc"));
            a.send("<iq xmlns='jabber:client' type='get' id='l2' to='" + jid(bob) + "'><query xmlns='jabber:iq:last'/></iq>");
            assertThat(a.next(f -> f.contains("id=\"l2\""))).contains("type=\"result\"").contains("seconds=\"");
            c.send("<iq xmlns='jabber:client' type='get' id='l3' to='" + jid(bob) + "'><query xmlns='jabber:iq:last'/></iq>");
            assertThat(c.next(f -> f.contains("id=\"l3\""))).contains("type=\"error\"").contains("<forbidden ");

            // service discovery of the server
            a.send("<iq xmlns='jabber:client' type='get' id='i1' to='isp-a-u.example'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(a.next(f -> f.contains("id=\"i1\""))).contains("from=\"isp-a-u.example\"")
                    .contains("<identity category=\"server\" type=\"im\"").contains("var=\"urn:universal-im:devices:1\"")
                    .contains("var=\"jabber:iq:register\"").contains("var=\"msgoffline\"");

            // removing bob from the roster pushes the removal
            a.send("<iq xmlns='jabber:client' type='set' id='rm1'><query xmlns='jabber:iq:roster'><item jid='" + jid(bob)
                    + "' subscription='remove'/></query></iq>");
            a.next(f -> f.contains("subscription=\"remove\""));
            assertThat(a.next(f -> f.contains("id=\"rm1\""))).contains("type=\"result\"");
        }
    }

    @Test
    void aRepeatedSubscriptionRequestTheContactApprovedIsAnsweredSubscribed() {
        String alice = Users.register(isp, "rae", true);
        String bob = Users.register(isp, "sol", true);
        try (RawXmppClient a = RawXmppClient.loggedIn(isp, alice, Users.PASSWORD, "pc");
             RawXmppClient b = RawXmppClient.loggedIn(isp, bob, Users.PASSWORD, "pc")) {
            a.send("<presence xmlns='jabber:client'/>");
            b.send("<presence xmlns='jabber:client'/>");
            a.send("<presence xmlns='jabber:client' to='" + jid(bob) + "' type='subscribe'/>");
            b.next(f -> f.contains("type=\"subscribe\"") && f.contains("from=\"" + jid(alice) + "\""));
            b.send("<presence xmlns='jabber:client' to='" + jid(alice) + "' type='subscribed'/>");
            a.next(f -> f.startsWith("<presence") && f.contains("type=\"subscribed\""));
            // RFC 6121 3.1.3: asked again, the contact's server answers for the contact at once
            a.send("<presence xmlns='jabber:client' to='" + jid(bob) + "' type='subscribe'/>");
            assertThat(a.next(f -> f.startsWith("<presence") && f.contains("type=\"subscribed\"")))
                    .contains("from=\"" + jid(bob) + "\"").contains("to=\"" + jid(alice) + "\"");
        }
    }

    @Test
    void inBandRegistrationOffersAFormAClientCanRenderAndNamesTheXmppFieldInItsErrors() {
        String name = Users.unique("form");
        try (RawXmppClient c = RawXmppClient.connect(isp)) {
            c.send("<open xmlns='" + RawXmppClient.FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
            c.next(f -> f.contains("<stream:features"));
            c.send("<iq xmlns='jabber:client' type='get' id='g1'><query xmlns='jabber:iq:register'/></iq>");
            String form = c.next(f -> f.contains("id=\"g1\""));
            assertThat(form).contains("type=\"result\"").contains("<x xmlns=\"jabber:x:data\" type=\"form\">")
                    .contains("var=\"FORM_TYPE\"").contains("<value>jabber:iq:register</value>")
                    .contains("var=\"username\"").contains("var=\"password\"").contains("type=\"text-private\"")
                    .contains("var=\"name\"").contains("var=\"email\"").contains("var=\"nick\"").contains("<required/>")
                    // the legacy fields stay for clients without data forms
                    .contains("<username/>").contains("<password/>");

            c.send("<iq xmlns='jabber:client' type='set' id='g2'><query xmlns='jabber:iq:register'><username>" + name
                    + "</username><password>" + Users.PASSWORD + "</password></query></iq>");
            assertThat(c.next(f -> f.contains("id=\"g2\""))).contains("type=\"error\"").contains("<not-acceptable ")
                    .contains("name: ").doesNotContain("fullName");

            c.send("<iq xmlns='jabber:client' type='set' id='g3'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE'><value>jabber:iq:register</value></field><field var='username'><value>" + name
                    + "</value></field><field var='password'><value>" + Users.PASSWORD + "</value></field>"
                    + "<field var='name'><value>Form Filler</value></field><field var='nick'><value>Ff</value></field></x></query></iq>");
            assertThat(c.next(f -> f.contains("id=\"g3\""))).contains("type=\"result\"");
        }
        try (RawXmppClient logged = RawXmppClient.loggedIn(isp, name, Users.PASSWORD, "pc")) {
            logged.send("<iq xmlns='jabber:client' type='get' id='v1'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(logged.next(f -> f.contains("id=\"v1\""))).contains("<FN>Form Filler</FN>").contains("<NICKNAME>Ff</NICKNAME>");
        }
    }
}
