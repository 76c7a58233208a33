package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;
import org.universalim.registration.entity.UserId;
import org.universalim.routing.control.Fig6;
import org.universalim.routing.entity.SessionRoute;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * FIG. 6 for one recipient: gathers what the ISP knows (the recipient's extension, the subscriber, the
 * table of users to Local IM server nodes) and applies {@link Fig6}.
 */
@Stateless
public class Router {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @Inject
    SessionRegistry sessions;

    @Inject
    IspSettings isp;

    /** The decision and, for a local recipient, the user name. */
    public record Routing(Fig6.Decision decision, String userName, boolean userUniversal) {

        public Fig6.Route route() {
            return decision.route();
        }
    }

    public Routing route(UserId recipient) {
        boolean local = isp.isLocal(recipient);
        Optional<Subscriber> subscriber = local ? registrar.find(recipient.localPart()) : Optional.empty();
        String user = subscriber.map(Subscriber::userName).orElse(null);
        boolean universal = subscriber.map(Subscriber::isUniversal).orElse(false);
        Fig6.Facts facts = new Fig6.Facts(local, subscriber.isPresent(), recipient.isUniversal(isp.marker()),
                universal, user == null ? Set.of() : nodesOf(user), isp.nodeName());
        return new Routing(Fig6.decide(facts), user, universal);
    }

    /** The nodes a local user is connected to: this one if connected here, else the node table. */
    public Set<String> nodesOf(String userName) {
        Set<String> nodes = new HashSet<>();
        if (sessions.isConnected(userName)) {
            nodes.add(isp.nodeName());
            return nodes;
        }
        em.createNamedQuery(SessionRoute.OF_USER, SessionRoute.class).setParameter("user", userName)
                .getResultStream().forEach(r -> nodes.add(r.node()));
        return nodes;
    }
}
