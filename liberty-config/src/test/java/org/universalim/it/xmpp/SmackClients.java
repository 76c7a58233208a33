package org.universalim.it.xmpp;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.universalim.it.IspServer;

import java.time.Duration;

/** Smack (the stock XMPP client) set up for the test servers: WebSocket endpoint given, no discovery, ws:// on loopback. */
final class SmackClients {

    private SmackClients() {
    }

    /** A connection not yet connected. */
    static ModularXmppClientToServerConnection connection(IspServer isp, String user, String password, String resource,
                                                          String mechanism) {
        try {
            ModularXmppClientToServerConnectionConfiguration.Builder builder = ModularXmppClientToServerConnectionConfiguration
                    .builder().removeAllModules()
                    .setXmppDomain(isp.universalDomain())
                    .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled);
            if (user != null) {
                builder.setUsernameAndPassword(user, password).setResource(resource);
            }
            if (mechanism != null) {
                builder.addEnabledSaslMechanism(mechanism);
            }
            builder.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(builder)
                    .explicitlySetWebSocketEndpointAndDiscovery(isp.ws("/xmpp-websocket"), false).build());
            ModularXmppClientToServerConnection connection = new ModularXmppClientToServerConnection(builder.build());
            connection.setReplyTimeout(10_000);
            Roster.getInstanceFor(connection).setSubscriptionMode(Roster.SubscriptionMode.manual);
            return connection;
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Connects and logs in; the roster is loaded and the initial presence sent when it returns. */
    static ModularXmppClientToServerConnection login(IspServer isp, String user, String resource, String mechanism)
            throws Exception {
        ModularXmppClientToServerConnection connection = connection(isp, user, org.universalim.it.Users.PASSWORD, resource, mechanism);
        connection.connect().login();
        Roster.getInstanceFor(connection).reloadAndWait();
        return connection;
    }

    static EntityBareJid jid(IspServer isp, String user) {
        try {
            return JidCreate.entityBareFrom(user + "@" + isp.universalDomain());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Waiting for what a client observes. */
    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50));
    }
}
