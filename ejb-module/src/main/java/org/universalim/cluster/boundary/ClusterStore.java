package org.universalim.cluster.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.universalim.cluster.entity.ClusterLease;
import org.universalim.cluster.entity.ClusterNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The database side of the node table and the lease, each call its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterStore {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    public void register(String node, String url, Instant now) {
        ClusterNode existing = em.find(ClusterNode.class, node);
        if (existing == null) {
            em.persist(new ClusterNode(node, url, now));
        } else {
            existing.restarted(url, now);
        }
    }

    /** What a heartbeat found: whether this node's row was there (else it wrote it again), and every node's row. */
    public record Beat(boolean rowFound, List<ClusterNode> nodes) {
    }

    /** Beats this node's heart, writing its row again if another node removed it (declared it dead). */
    public Beat beat(String node, String url, Instant now) {
        ClusterNode me = em.find(ClusterNode.class, node);
        if (me == null) {
            em.persist(new ClusterNode(node, url, now));
        } else {
            me.beat(now);
        }
        em.flush();
        List<ClusterNode> all = em.createNamedQuery(ClusterNode.ALL, ClusterNode.class).getResultList();
        all.forEach(em::detach);
        return new Beat(me != null, all);
    }

    /**
     * Takes or renews a lease: it goes to this node when free, expired, or held by it already.
     *
     * @return whether this node holds it now
     */
    public boolean lease(String name, String node, Instant now, Instant until) {
        int taken = em.createQuery("UPDATE ClusterLease l SET l.holder = :node, l.expiresAt = :until WHERE l.name = :name "
                        + "AND (l.holder = :node OR l.expiresAt < :now)")
                .setParameter("node", node).setParameter("until", until).setParameter("name", name).setParameter("now", now)
                .executeUpdate();
        if (taken > 0) {
            return true;
        }
        if (em.find(ClusterLease.class, name) != null) {
            return false;
        }
        try {
            em.persist(new ClusterLease(name, node, until));
            em.flush();
            return true;
        } catch (PersistenceException another) {
            throw new LostRace();
        }
    }

    /** Gives up a lease this node holds (a clean stop). */
    public void release(String name, String node) {
        em.createQuery("DELETE FROM ClusterLease l WHERE l.name = :name AND l.holder = :node")
                .setParameter("name", name).setParameter("node", node).executeUpdate();
    }

    public Optional<String> holderOf(String lease) {
        return Optional.ofNullable(em.find(ClusterLease.class, lease)).map(ClusterLease::holder);
    }

    public List<ClusterNode> silentSince(Instant since) {
        return em.createNamedQuery(ClusterNode.SILENT_SINCE, ClusterNode.class).setParameter("since", since).getResultList();
    }

    public void remove(String node) {
        ClusterNode n = em.find(ClusterNode.class, node);
        if (n != null) {
            em.remove(n);
        }
    }

    public Optional<String> urlOf(String node) {
        return Optional.ofNullable(em.find(ClusterNode.class, node)).map(ClusterNode::internalUrl);
    }

    /** Another node created the lease at the same moment: this transaction rolls back alone. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class LostRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostRace() {
            super(null, null, false, false);
        }
    }
}
