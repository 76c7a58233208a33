package org.universalim.federation.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.universalim.cluster.boundary.ClusterMembership;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.control.PeerSilence;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.PeerHealth;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices a peer that stops answering even when we have nothing to send it, as an XMPP server notices an s2s
 * link drop: the node holding the ISP's work lease asks the contract's {@code status} of each peer whose users
 * local rosters hold (and of each peer that is unreachable, to notice its return) when nothing else reached it
 * for {@code federation.peer.probe.seconds}. A peer silent for {@code federation.peer.unavailable.seconds} has its
 * users shown unavailable to our watchers ({@link PeerOutages}); one that answers again is resynchronised and its
 * outbox drained at once ({@link FederationSender#cameBack}).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClusterMembership"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PeerProbe {

    @EJB
    PeerOutages outages;

    @EJB
    OutboxWork work;

    @EJB
    FederationSender sender;

    @EJB
    ClusterMembership membership;

    @Inject
    FederationClient client;

    @Inject
    FederationSettings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    private final Set<String> probing = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("federation-peer-probe", false));
    }

    @Timeout
    void sweep(Timer timer) {
        if (!membership.isLeader() || !client.configured()) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (PeerOutages.Watched p : outages.peers()) {
                PeerHealth h = p.health();
                if (h != null && h.usersUnavailableAt() == null && PeerSilence.usersUnavailable(h.reachable(), h.lastSuccessAt(),
                        h.unreachableSince(), now, settings.peerUnavailableAfter(), settings.peerProbeEvery().plus(settings.callTimeout()))) {
                    outages.showUnavailable(p.peer().domain());
                }
                if ((p.watched() || !p.reachable()) && (h == null || PeerSilence.probeDue(h.lastSuccessAt(), h.lastFailureAt(), now,
                        settings.peerProbeEvery()))) {
                    probeSoon(p.peer(), p.reachable());
                }
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "federation: the peer probe failed", e);
        }
    }

    private void probeSoon(Peer peer, boolean reachable) {
        if (!probing.add(peer.domain())) {
            return; // the last probe still waits for its answer
        }
        executor.execute(() -> {
            try {
                probe(peer, reachable);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "federation: probing " + peer.domain() + " failed", e);
            } finally {
                probing.remove(peer.domain());
            }
        });
    }

    private void probe(Peer peer, boolean reachable) {
        StatusRequest request = new StatusRequest();
        request.transactionId = FederationOutbox.newTransactionId();
        Instant askedAt = clock.instant();
        try {
            client.call(peer, Operation.STATUS, request, StatusResponse.class);
        } catch (PeerFailure f) {
            // a refusal too: a server starting up answers 404 before its application is there, and what
            // the return would send (tracking requests) must not be refused for good
            log.fine(() -> "federation: probe of " + peer.domain() + ": " + f.getMessage());
            work.probeFailed(peer.domain(), askedAt, f.getMessage());
            return;
        }
        if (work.reachedNow(peer.domain())) {
            sender.cameBack(peer.domain());
        } else if (!reachable) {
            sender.peerIsUp(peer.domain()); // a short spell of failures: what waits for it goes now
        }
    }
}
