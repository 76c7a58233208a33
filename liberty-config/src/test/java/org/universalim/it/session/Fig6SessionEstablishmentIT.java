package org.universalim.it.session;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.universalim.it.scenario.Device;
import org.universalim.it.scenario.Isp;
import org.universalim.it.scenario.Sent;
import org.universalim.it.scenario.User;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIG. 6, establishing an IM session (R8, with R7 when the recipient is not available): a user picks a contact
 * and the client sends a connection request to the Local IM server (605), which reads the recipient's
 * extension. The same ISP: connected to this node, connect (645, 650); connected to another node, route there
 * through the table of users to nodes (640). Another ISP: the Universal IM server forwards the request to that
 * ISP's Universal IM server (610, 615, 620), whose Local IM server connects. Nowhere connected: "not available"
 * (647), with the devices and times the recipient is usually available. One test per outcome; each answer is
 * what the requesting client gets, followed by a message through the established route.
 */
class Fig6SessionEstablishmentIT {

    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime FIVE_PM = LocalTime.of(17, 0);

    @Test
    @DisplayName("645, 650: the recipient is connected to this Local IM server node: the session is established here")
    void theRecipientOnThisNodeIsConnectedHere() {
        Isp a = Isp.a();
        User lea = a.registers("lea");
        User max = a.registers("max");
        try (Device pc = lea.logsOn("pc"); Device tablet = max.logsOn("tablet")) {
            pc.asksToSee(max);
            tablet.approves(pc);

            pc.asksForSessionWith(max).isEstablished().atIsp(a).atNode(a).onDevice("tablet").withPresence("READY");

            Sent hello = pc.sendsTo(max, "hello").wasHandedToADevice();
            tablet.receives(hello);
            hello.isDelivered();
        }
    }

    @Test
    @DisplayName("640: the recipient is connected to another node of this ISP: the request is routed there")
    void theRecipientOnAnotherNodeIsReachedThroughTheNodeTable() {
        Assumptions.assumeTrue(Isp.severalNodesPerIsp(), "several nodes share one PostgreSQL database: the PostgreSQL run has them");
        Isp node1 = Isp.a();
        Isp node2 = Isp.aSecondNode();
        User ana = node1.registers("ana");
        User ben = node1.registers("ben");
        try (Device pc = ana.logsOnAt(node1, "pc")) {
            // they became contacts earlier, both on node1 (MultiNodeIT tests subscriptions across nodes)
            try (Device tablet = ben.logsOnAt(node1, "tablet")) {
                pc.asksToSee(ben);
                tablet.approves(pc);
                tablet.logsOff();
            }
            pc.sees(ben).offline();
            try (Device phone = ben.logsOnAt(node2, "phone")) {
                pc.asksForSessionWith(ben).isEstablished().atIsp(node1).atNode(node2).onDevice("phone").withPresence("READY");

                Sent hello = pc.sendsTo(ben, "hello from node1").wasHandedToADevice();
                phone.receives(hello);
                hello.isDelivered();
            }
        }
    }

    @Test
    @DisplayName("610, 615, 620: the recipient is a universal user of another ISP: its Universal IM server connects")
    void theRecipientAtAnotherIspIsReachedThroughBothUniversalImServers() {
        Isp a = Isp.a();
        Isp b = Isp.b();
        a.federatesWith(b);
        User erin = a.registersUniversal("erin");
        User finn = b.registersUniversal("finn");
        User gus = b.registers("gus");
        try (Device pc = erin.logsOn("pc"); Device laptop = finn.logsOn("laptop")) {
            pc.asksToSee(finn);
            laptop.approves(pc);

            pc.asksForSessionWith(finn).isEstablished().atIsp(b).onDevice("laptop").withPresence("READY");

            Sent hello = pc.sendsTo(finn, "hello from isp-a").wasForwarded();
            assertThat(laptop.receives(hello).getString("from")).isEqualTo(erin.universalAddress());
            hello.isDelivered();

            // only universal users are reachable from another ISP: the extension says gus is not one
            pc.asksForSessionWith(gus.localAddress()).isRefused("not_universal");
        }
    }

    @Test
    @DisplayName("647 (R7): the recipient is not connected: not available, with their devices and usual times; an alert fires when they log on")
    void theRecipientWhoIsNotConnectedIsNotAvailableAndTheAnswerSaysWhenTheyUsuallyAre() {
        Isp a = Isp.a();
        User ned = a.registers("ned");
        User ola = a.registers("ola");
        try (Device pc = ned.logsOn("pc")) {
            try (Device office = ola.logsOn("office-pc")) {
                pc.asksToSee(ola);
                office.approves(pc);
            }
            ola.wasOnlineOnWeekdays("office-pc", NINE, FIVE_PM);

            pc.asksForSessionWith(ola).isNotAvailable().because("NO_DEVICE_ONLINE").usuallyAvailableOn("office-pc", "09:00", "17:00");

            long alert = pc.setsAlertFor(ola);
            try (Device office = ola.logsOn("office-pc")) {
                assertThat(pc.isToldAvailable(alert).getString("device")).isEqualTo("office-pc");
                pc.asksForSessionWith(ola).isEstablished().onDevice("office-pc");
            }
        }
    }

    @Test
    @DisplayName("620, 647 (R7): a recipient at another ISP who is not connected: that ISP answers not available, with the usual times")
    void theRecipientAtAnotherIspWhoIsNotConnectedIsNotAvailable() {
        Isp a = Isp.a();
        Isp c = Isp.c();
        a.federatesWith(c);
        User erin = a.registersUniversal("erin");
        User carol = c.registersUniversal("carol");
        try (Device pc = erin.logsOn("pc")) {
            try (Device office = carol.logsOn("office-pc")) {
                pc.asksToSee(carol);
                office.approves(pc);
            }
            carol.wasOnlineOnWeekdays("office-pc", NINE, FIVE_PM);

            pc.asksForSessionWith(carol).isNotAvailable().atIsp(c).usuallyAvailableOn("office-pc", "09:00", "17:00");
        }
    }

    @Test
    @DisplayName("605: a recipient who does not exist, or who has not let the requester see them, gets a clear refusal")
    void unknownAndUnauthorizedRecipientsAreRefused() {
        Isp a = Isp.a();
        User pia = a.registers("pia");
        User quinn = a.registers("quinn");
        try (Device pc = pia.logsOn("pc")) {
            pc.asksForSessionWith("ghost-user@" + a.domain()).isRefused("unknown_recipient");
            pc.asksForSessionWith(quinn).isRefused("not_authorized");
            // a local-only user has no universal address
            pc.asksForSessionWith(quinn.name() + "@" + a.universalDomain()).isRefused("unknown_recipient");
        }
    }
}
