package org.universalim.it.xmpp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.universalim.it.Http;
import org.universalim.it.IspServer;
import org.universalim.it.LocalClient;
import org.universalim.it.Users;
import org.universalim.it.users.InviteServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Users in control over XMPP (issue 16): the Blocking Command (XEP-0191) on the user's one block list, enforced for
 * messages and IQs; in-band registration under the {@code invite} policy with XEP-0401's pre-authentication, and the
 * registration limit answered {@code <policy-violation/>}; XEP-0077's password change and cancel, each asking for the
 * current password, the change logging the user's other sessions off.
 */
class XmppUsersInControlIT {

    @Test
    void theBlockingCommandBlocksMessagesAndIqsAndIsTheOneList() {
        IspServer a = IspServer.a();
        String xia = Users.register(a, "xia", true);
        String yan = Users.register(a, "yan", true);
        String zoe = Users.register(a, "zoe", true);
        String xiaJid = xia + "@" + a.universalDomain();
        String yanJid = yan + "@" + a.universalDomain();
        try (RawXmppClient x = RawXmppClient.loggedIn(a, xia, Users.PASSWORD, "phone");
             RawXmppClient other = RawXmppClient.loggedIn(a, xia, Users.PASSWORD, "laptop");
             LocalClient xl = LocalClient.login(a, xia, "pc");
             RawXmppClient yx = RawXmppClient.loggedIn(a, yan, Users.PASSWORD, "tablet");
             LocalClient y = LocalClient.login(a, yan, "pc"); LocalClient z = LocalClient.login(a, zoe, "pc")) {
            x.send("<presence xmlns='jabber:client'/>");
            x.send("<iq xmlns='jabber:client' type='get' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"d1\""))).contains("var=\"urn:xmpp:blocking\"");

            // xia's other resource asked for the list, her Local device is logged on: both are told of the change
            other.send("<iq xmlns='jabber:client' type='get' id='o1'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
            other.next(f -> f.contains("id=\"o1\""));
            x.send("<iq xmlns='jabber:client' type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='" + yanJid
                    + "/tablet'/></block></iq>");
            assertThat(x.next(f -> f.contains("id=\"b1\""))).contains("type=\"result\"");
            assertThat(other.next(f -> f.startsWith("<iq") && f.contains("type=\"set\"") && f.contains("<block xmlns=\"urn:xmpp:blocking\">")))
                    .containsIgnoringCase("jid=\"" + yanJid + "\"");
            xl.await(f -> "block.changed".equals(f.getString("type")) && f.getBoolean("blocked")
                    && f.getString("address").equalsIgnoreCase(yanJid));
            xl.request("logout");
            x.send("<iq xmlns='jabber:client' type='get' id='b2'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"b2\""))).containsIgnoringCase("<item jid=\"" + yanJid + "\"/>");
            // one list for every protocol: the JSON API shows it
            assertThat(Http.get(a.uri("/api/v1/me/blocks"), xia, Users.PASSWORD).jsonArray().getValuesAs(JsonObject.class))
                    .extracting(b -> b.getString("address").toLowerCase()).containsExactly(yanJid.toLowerCase());

            JsonObject sent = y.request("message.send", Json.createObjectBuilder().add("to", xiaJid).add("body", "blocked words"));
            assertThat(sent.getString("status")).as("answered as if xia were offline").isEqualTo("stored");
            yx.send("<iq xmlns='jabber:client' type='get' id='l1' to='" + xiaJid + "'><query xmlns='jabber:iq:last'/></iq>");
            assertThat(yx.next(f -> f.contains("id=\"l1\""))).contains("type=\"error\"").contains("<service-unavailable ");
            z.request("message.send", Json.createObjectBuilder().add("to", xiaJid).add("body", "marker"));
            arrives(x, other, "marker");
            assertThat(x.frames()).noneMatch(f -> f.contains("blocked words"));
            assertThat(other.frames()).noneMatch(f -> f.contains("blocked words"));

            // xia writing to whom she blocks is told so (XEP-0191 section 3.5)
            x.send("<message xmlns='jabber:client' type='chat' id='m1' to='" + yanJid + "'><body>hi</body></message>");
            assertThat(x.next(f -> f.contains("id=\"m1\"") && f.contains("type=\"error\"")))
                    .contains("<not-acceptable ").contains("<blocked xmlns=\"urn:xmpp:blocking:errors\"/>");
            x.send("<iq xmlns='jabber:client' type='set' id='b3'><block xmlns='urn:xmpp:blocking'><item jid='not a jid@@'/></block></iq>");
            assertThat(x.next(f -> f.contains("id=\"b3\""))).contains("type=\"error\"").contains("<jid-malformed ");

            // unblocking everybody lets yan through again
            x.send("<iq xmlns='jabber:client' type='set' id='b4'><unblock xmlns='urn:xmpp:blocking'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"b4\""))).contains("type=\"result\"");
            x.send("<iq xmlns='jabber:client' type='get' id='b5'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
            assertThat(x.next(f -> f.contains("id=\"b5\""))).doesNotContain("<item");
            y.request("message.send", Json.createObjectBuilder().add("to", xiaJid).add("body", "free words"));
            arrives(x, other, "free words");
        }
    }

    @Test
    void inBandRegistrationByInvitationOnlyAndWithinTheLimit() {
        IspServer isp = InviteServer.start();
        String client = "203.0.113.77";
        try (RawXmppClient c = opened(isp, client)) {
            c.send(registration("r1", Users.unique("nope")));
            assertThat(c.next(f -> f.contains("id=\"r1\""))).contains("type=\"error\"").contains("<not-allowed ");
            c.send("<iq xmlns='jabber:client' type='set' id='p1'><preauth xmlns='urn:xmpp:pars:0' token='bogus'/></iq>");
            assertThat(c.next(f -> f.contains("id=\"p1\""))).contains("type=\"error\"").contains("<item-not-found ");
        }
        String token = InviteServer.invitation().getString("token");
        String name = Users.unique("inband");
        try (RawXmppClient c = opened(isp, client)) {
            c.send("<iq xmlns='jabber:client' type='set' id='p2'><preauth xmlns='urn:xmpp:pars:0' token='" + token + "'/></iq>");
            assertThat(c.next(f -> f.contains("id=\"p2\""))).contains("type=\"result\"");
            c.send(registration("r2", name));
            assertThat(c.next(f -> f.contains("id=\"r2\""))).contains("type=\"result\"");
        }
        try (RawXmppClient c = opened(isp, "203.0.113.78")) {
            // the token worked once
            c.send("<iq xmlns='jabber:client' type='set' id='p3'><preauth xmlns='urn:xmpp:pars:0' token='" + token + "'/></iq>");
            assertThat(c.next(f -> f.contains("id=\"p3\""))).contains("<item-not-found ");
        }
        RawXmppClient.loggedIn(isp, name, Users.PASSWORD, "pc").close();

        // the address registered once; at the limit the next is refused, its invitation left for somebody else
        for (int i = 1; i <= InviteServer.PER_ADDRESS; i++) {
            String next = InviteServer.invitation().getString("token");
            try (RawXmppClient c = opened(isp, client)) {
                c.send("<iq xmlns='jabber:client' type='set' id='p4'><preauth xmlns='urn:xmpp:pars:0' token='" + next + "'/></iq>");
                c.next(f -> f.contains("id=\"p4\""));
                c.send(registration("r4", Users.unique("limit")));
                String answer = c.next(f -> f.contains("id=\"r4\""));
                if (i < InviteServer.PER_ADDRESS) {
                    assertThat(answer).contains("type=\"result\"");
                } else {
                    assertThat(answer).contains("type=\"error\"").contains("<policy-violation ");
                }
            }
        }
    }

    @Test
    void passwordChangeAndCancelAskForTheCurrentPasswordAndTheChangeLogsOtherSessionsOff() {
        IspServer a = IspServer.a();
        String ann = Users.register(a, "ann", true);
        String fresh = "battery staple horse";
        try (RawXmppClient pc = RawXmppClient.loggedIn(a, ann, Users.PASSWORD, "pc");
             RawXmppClient phone = RawXmppClient.loggedIn(a, ann, Users.PASSWORD, "phone")) {
            pc.send("<iq xmlns='jabber:client' type='set' id='c1'><query xmlns='jabber:iq:register'><username>" + ann
                    + "</username><password>" + fresh + "</password></query></iq>");
            assertThat(pc.next(f -> f.contains("id=\"c1\""))).contains("type=\"error\"").contains("<not-authorized ")
                    .contains("<value>jabber:iq:register:changepassword</value>").contains("var=\"old_password\"");
            pc.send(changeForm("c2", ann, "wrong password!", fresh));
            assertThat(pc.next(f -> f.contains("id=\"c2\""))).contains("<not-authorized ");
            pc.send(changeForm("c3", ann, Users.PASSWORD, fresh));
            assertThat(pc.next(f -> f.contains("id=\"c3\""))).contains("type=\"result\"");

            phone.awaitClose();
            pc.send("<iq xmlns='jabber:client' type='get' id='ping'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(pc.next(f -> f.contains("id=\"ping\""))).contains("type=\"result\"");
        }
        try (RawXmppClient old = opened(a, null)) {
            assertThat(old.scram(ann, Users.PASSWORD)).startsWith("<failure");
        }
        try (RawXmppClient pc = RawXmppClient.loggedIn(a, ann, fresh, "pc")) {
            pc.send("<iq xmlns='jabber:client' type='set' id='x1'><query xmlns='jabber:iq:register'><remove/></query></iq>");
            assertThat(pc.next(f -> f.contains("id=\"x1\""))).contains("<not-authorized ")
                    .contains("<value>jabber:iq:register:cancel</value>");
            pc.send("<iq xmlns='jabber:client' type='set' id='x2'><query xmlns='jabber:iq:register'><remove/>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>jabber:iq:register:cancel</value></field>"
                    + "<field var='username'><value>" + ann + "</value></field><field var='password'><value>" + fresh
                    + "</value></field></x></query></iq>");
            assertThat(pc.next(f -> f.contains("id=\"x2\""))).contains("type=\"result\"");
            pc.awaitClose();
        }
        assertThat(Http.get(a.uri("/api/v1/users/" + ann)).status()).isEqualTo(404);
        try (RawXmppClient gone = opened(a, null)) {
            assertThat(gone.scram(ann, fresh)).startsWith("<failure");
        }
    }

    /** A message reaches one of the user's two resources (the delivery rules pick which, R4). */
    private static void arrives(RawXmppClient one, RawXmppClient other, String body) {
        await().atMost(Duration.ofSeconds(15)).until(() -> one.frames().stream().anyMatch(f -> f.contains(body))
                || other.frames().stream().anyMatch(f -> f.contains(body)));
    }

    private static RawXmppClient opened(IspServer isp, String clientAddress) {
        RawXmppClient c = clientAddress == null ? RawXmppClient.connect(isp) : RawXmppClient.connectFrom(isp, clientAddress);
        c.send("<open xmlns='" + RawXmppClient.FRAMING + "' to='" + isp.universalDomain() + "' version='1.0'/>");
        c.next(f -> f.contains("<stream:features"));
        return c;
    }

    private static String registration(String id, String name) {
        return "<iq xmlns='jabber:client' type='set' id='" + id + "'><query xmlns='jabber:iq:register'><username>" + name
                + "</username><password>" + Users.PASSWORD + "</password><name>In Band</name></query></iq>";
    }

    private static String changeForm(String id, String user, String old, String fresh) {
        return "<iq xmlns='jabber:client' type='set' id='" + id + "'><query xmlns='jabber:iq:register'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>jabber:iq:register:changepassword</value></field>"
                + "<field var='username'><value>" + user + "</value></field><field var='old_password'><value>" + old
                + "</value></field><field var='password'><value>" + fresh + "</value></field></x></query></iq>";
    }
}
