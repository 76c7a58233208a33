package org.universalim.routing.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.routing.entity.SessionRoute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the table of users to Local IM server nodes (R12) for what this node must hand to others. */
@Stateless
public class SessionRoutes {

    private static final int CHUNK = 200;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    /** The devices of a user connected to other nodes than {@code here}, each with its node. */
    public Map<String, String> devicesElsewhere(String user, String here) {
        Map<String, String> devices = new HashMap<>();
        for (SessionRoute r : em.createNamedQuery(SessionRoute.OF_USER, SessionRoute.class).setParameter("user", user)
                .getResultList()) {
            if (!r.node().equals(here)) {
                devices.put(r.device(), r.node());
            }
        }
        return devices;
    }

    /** The other nodes than {@code here} that these users are connected to, each with its users. */
    public Map<String, List<String>> usersElsewhere(Collection<String> users, String here) {
        Map<String, List<String>> byNode = new TreeMap<>();
        List<String> all = users.stream().distinct().toList();
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            for (Object[] row : em.createQuery("SELECT DISTINCT r.node, r.userName FROM SessionRoute r "
                            + "WHERE r.userName IN :users AND r.node <> :here", Object[].class)
                    .setParameter("users", chunk).setParameter("here", here).getResultList()) {
                byNode.computeIfAbsent((String) row[0], n -> new ArrayList<>()).add((String) row[1]);
            }
        }
        return byNode;
    }

    /** The nodes where the user holds sessions, from the node table. */
    public Set<String> nodesOf(String user) {
        Set<String> nodes = new HashSet<>();
        em.createNamedQuery(SessionRoute.OF_USER, SessionRoute.class).setParameter("user", user)
                .getResultStream().forEach(r -> nodes.add(r.node()));
        return nodes;
    }
}
