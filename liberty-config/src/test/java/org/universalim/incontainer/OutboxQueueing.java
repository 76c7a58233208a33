package org.universalim.incontainer;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;
import org.universalim.federation.control.OutboxClock;
import org.universalim.federation.entity.OutboxItem;
import org.universalim.federation.wire.Operation;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Queues items in transactions of its own; one of them held open until told. */
@Stateless
public class OutboxQueueing {

    @Inject
    OutboxClock order;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    /** As FederationOutbox.enqueue queues an item (whose payload needs JAXB, which this test server lacks). */
    public void queue(String peer, String subject) {
        Instant now = order.stamp(Instant.now());
        em.persist(new OutboxItem(peer, Operation.MESSAGES.path(), UUID.randomUUID().toString(), "<messageBatch/>", subject, null,
                now, now.plusSeconds(600)));
    }

    public void queueAndHold(String peer, String subject, CountDownLatch queued, CountDownLatch release)
            throws InterruptedException {
        queue(peer, subject);
        em.flush();
        queued.countDown();
        if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
    }

    /** The id the last item of the peer got, and the highest id the sequence table has handed out. */
    public long[] lastIdAndBlockEnd(String peer) {
        long last = em.createQuery("SELECT MAX(o.id) FROM OutboxItem o WHERE o.peer = :peer", Long.class)
                .setParameter("peer", peer).getSingleResult();
        Number end = (Number) em.createNativeQuery("SELECT SEQ_VALUE FROM ID_SEQUENCES WHERE SEQ_NAME = 'FEDERATION_OUTBOX'")
                .getSingleResult();
        return new long[]{last, end.longValue()};
    }
}
