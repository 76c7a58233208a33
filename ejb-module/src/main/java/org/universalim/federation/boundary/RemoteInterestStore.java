package org.universalim.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.entity.RemoteInterest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The personal event nodes (XEP-0163) the resources of remote XMPP users asked to be told of, in the database
 * ({@code REMOTE_INTEREST}), so that whichever node of the ISP writes a user's event over s2s knows what the node that
 * received the contact's presence learned (docs/xmpp-tcp.md, "Personal eventing"). Bounded: at most
 * {@value #RESOURCES_MAX} resources of one remote user, a full JID of at most {@value RemoteInterest#JID_MAX} characters;
 * a resource's row goes with its unavailable presence, and one without news for a day counts no more (and is removed
 * at the user's next change).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RemoteInterestStore {

    static final int RESOURCES_MAX = 20;
    static final Duration KEPT = Duration.ofDays(1);

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    Clock clock;

    /** The nodes {@code resource} (a full JID of the remote user {@code address}) asks for now; none: forgotten. */
    public void keep(String address, String resource, Set<String> nodes) {
        if (nodes.isEmpty()) {
            forget(resource);
            return;
        }
        if (resource.length() > RemoteInterest.JID_MAX || address.length() > 300) {
            return;
        }
        Instant now = clock.instant();
        List<RemoteInterest> rows = of(address);
        int kept = 0;
        for (RemoteInterest row : rows) {
            if (row.updatedAt().isBefore(now.minus(KEPT))) {
                em.remove(row);
            } else if (!row.resource().equals(resource)) {
                kept++;
            }
        }
        RemoteInterest row = em.find(RemoteInterest.class, resource);
        if (row != null) {
            row.nodes(nodes, now);
        } else if (kept < RESOURCES_MAX) {
            em.persist(new RemoteInterest(resource, address, nodes, now));
        }
    }

    /** {@code resource} went unavailable, or announces no capabilities: it asks for nothing. */
    public void forget(String resource) {
        if (resource.length() > RemoteInterest.JID_MAX) {
            return;
        }
        RemoteInterest row = em.find(RemoteInterest.class, resource);
        if (row != null) {
            em.remove(row);
        }
    }

    /** The full JIDs of the remote user's resources that asked for events of {@code node}, sorted. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> interested(String address, String node) {
        Instant since = clock.instant().minus(KEPT);
        return of(address).stream().filter(r -> !r.updatedAt().isBefore(since) && r.nodes().contains(node))
                .map(RemoteInterest::resource).sorted().toList();
    }

    private List<RemoteInterest> of(String address) {
        return em.createNamedQuery(RemoteInterest.OF_ADDRESS, RemoteInterest.class).setParameter("address", address).getResultList();
    }
}
