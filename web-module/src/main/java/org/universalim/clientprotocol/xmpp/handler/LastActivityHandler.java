package org.universalim.clientprotocol.xmpp.handler;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.presence.boundary.LastActivity;
import org.universalim.registration.entity.Subscriber;
import org.universalim.roster.boundary.ContactAddresses;
import org.universalim.roster.boundary.PresenceAuthorization;

import javax.xml.namespace.QName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Last activity (XEP-0012): of the server, its uptime; of a contact who lets the user see their presence,
 * 0 while a device is connected, else the time since the last log-off in the presence history.
 */
@ApplicationScoped
public class LastActivityHandler implements IqHandler {

    @EJB
    ContactAddresses addresses;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    LastActivity lastActivity;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.LAST, "query"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public List<String> serverFeatures() {
        return List.of(Namespaces.LAST);
    }

    @Override
    public List<String> accountFeatures() {
        return List.of(Namespaces.LAST);
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.isGet()) {
            request.error(StanzaError.badRequest("last activity is a get"));
            return;
        }
        if (request.aboutServer()) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
            request.result(Xml.element("query", Namespaces.LAST).attr("seconds", uptime));
            return;
        }
        Optional<Subscriber> contact = addresses.localUser(request.to().userId());
        if (contact.isEmpty() || !authorization.mayWatch(request.user(), request.to().userId())) {
            request.error(contact.isEmpty() ? StanzaError.serviceUnavailable(null)
                    : StanzaError.forbidden("you do not see this contact's presence"));
            return;
        }
        Optional<Duration> since = lastActivity.sinceLastSeen(contact.get().userName());
        if (since.isEmpty()) {
            request.error(StanzaError.itemNotFound("never seen"));
            return;
        }
        request.result(Xml.element("query", Namespaces.LAST).attr("seconds", since.get().toSeconds()));
    }
}
