package org.universalim.cluster.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.universalim.cluster.control.ClusterSettings;
import org.universalim.cluster.control.HeartbeatCheck;
import org.universalim.cluster.entity.ClusterNode;
import org.universalim.platform.IspSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node among the Local IM server nodes of its ISP (R12): it registers itself, beats its heartbeat,
 * and competes for the lease on the work done once per ISP (timers, the federation outbox, reaping dead
 * nodes). The lease holder declares a node whose heartbeat stopped dead and reports it as {@link NodeLeft}:
 * routing then logs its devices off (watchers see its users go offline) and stores the messages it had not
 * delivered for the users' next log-on. Membership and lease only: nothing here knows a domain.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMembership {

    public static final String ISP_WORK = "isp-work";

    @EJB
    ClusterStore store;

    @Inject
    Event<NodeLeft> nodeLeft;

    @Inject
    Event<DeclaredDead> declaredDead;

    @Inject
    ClusterSettings settings;

    @Inject
    ClusterView view;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @Resource
    TimerService timers;

    private volatile boolean leader;
    private volatile String leaderNode;
    /** The other nodes alive as of the last heartbeat. */
    private volatile Set<String> others = Set.of();
    /** When this node last wrote its heartbeat (null before the first). */
    private volatile Instant lastBeat;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    @PostConstruct
    void join() {
        store.register(isp.nodeName(), settings.internalUrl(), clock.instant());
        beat();
        long every = settings.heartbeat().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("heartbeat", false));
        log.info(() -> "node " + isp.nodeName() + " joined (" + settings.internalUrl() + ")" + (leader ? ", doing the ISP-wide work" : ""));
    }

    @Timeout
    void heartbeat(Timer timer) {
        try {
            beat();
            if (leader) {
                reapDeadNodes();
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "heartbeat of node " + isp.nodeName() + " failed", e);
        }
    }

    private void beat() {
        Instant now = clock.instant();
        // an announcement that comes in while the table is read may concern a row this read does not see (ViewState)
        long viewAtRead = view.now().number();
        ClusterStore.Beat beat = store.beat(isp.nodeName(), settings.internalUrl(), now);
        Instant previous = lastBeat;
        lastBeat = now;
        List<ClusterNode> nodes = beat.nodes();
        Instant aliveSince = now.minus(settings.deadAfter());
        urls.clear();
        Set<String> alive = new HashSet<>();
        for (ClusterNode n : nodes) {
            urls.put(n.name(), n.internalUrl());
            if (!n.heartbeatAt().isBefore(aliveSince) && !n.name().equals(isp.nodeName())) {
                alive.add(n.name());
            }
        }
        others = Set.copyOf(alive);
        view.heartbeat(alive.isEmpty(), viewAtRead);
        boolean was = leader;
        try {
            leader = store.lease(ISP_WORK, isp.nodeName(), now, now.plus(settings.deadAfter()));
        } catch (ClusterStore.LostRace race) {
            leader = false;
        }
        leaderNode = leader ? isp.nodeName() : store.holderOf(ISP_WORK).orElse(null);
        if (leader != was) {
            log.info(() -> "node " + isp.nodeName() + (leader ? " now does" : " no longer does") + " the ISP-wide work");
        }
        switch (new HeartbeatCheck(settings.deadAfter()).judge(beat.rowFound(), previous, now)) {
            case DECLARED_DEAD -> {
                // its row is written again (above): the observers (routing) end the sessions the others forgot; they
                // log the one line that says so
                log.fine(() -> "node " + isp.nodeName() + " was declared dead by another node after its heartbeat of " + previous
                        + "; back in the node table");
                declaredDead.fire(new DeclaredDead(isp.nodeName(), previous, now));
            }
            case LATE -> log.warning(() -> "heartbeat of node " + isp.nodeName() + " came " + java.time.Duration.between(previous, now)
                    .toMillis() + " ms after the previous one (declared dead after " + settings.deadAfter().toSeconds()
                    + " s): the node is starved or paused");
            default -> {
                // in time
            }
        }
    }

    private void reapDeadNodes() {
        for (ClusterNode dead : store.silentSince(clock.instant().minus(settings.deadAfter()))) {
            if (dead.name().equals(isp.nodeName())) {
                continue;
            }
            log.warning(() -> "node " + dead.name() + " missed its heartbeats since " + dead.heartbeatAt() + ": declared dead");
            // the observers (routing) forget what the node held, in this transaction, before its row goes
            nodeLeft.fire(new NodeLeft(dead.name(), dead.heartbeatAt()));
            store.remove(dead.name());
        }
    }

    /** Whether this node does the work done once per ISP. */
    public boolean isLeader() {
        return leader;
    }

    /** The node that does the ISP-wide work, as last seen (null if none holds the lease). */
    public String leaderNode() {
        return leaderNode;
    }

    /** Whether other live nodes share the ISP (else nothing is ever forwarded). */
    public boolean hasOtherNodes() {
        return view.hasOtherNodes();
    }

    /** The other nodes whose heartbeat was recent at this node's last heartbeat. */
    public Set<String> otherLiveNodes() {
        return others;
    }

    /** Where another node is reached, as last seen in the node table. */
    public String urlOf(String node) {
        String url = urls.get(node);
        return url != null ? url : store.urlOf(node).orElse(null);
    }

    @PreDestroy
    void leave() {
        try {
            store.release(ISP_WORK, isp.nodeName());
        } catch (RuntimeException e) {
            log.log(Level.FINE, "lease not released", e);
        }
    }
}
