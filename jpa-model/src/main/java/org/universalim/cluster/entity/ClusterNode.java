package org.universalim.cluster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A Local IM server node of this ISP (R12): its name, the address other nodes reach it at, and its last
 * heartbeat. A node whose heartbeat is too old is dead.
 */
@Entity
@Table(name = "CLUSTER_NODE")
@NamedQuery(name = ClusterNode.ALL, query = "SELECT n FROM ClusterNode n ORDER BY n.name")
@NamedQuery(name = ClusterNode.SILENT_SINCE, query = "SELECT n FROM ClusterNode n WHERE n.heartbeatAt < :since")
public class ClusterNode {

    public static final String ALL = "ClusterNode.all";
    public static final String SILENT_SINCE = "ClusterNode.silentSince";

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "INTERNAL_URL", length = 500, nullable = false)
    private String internalUrl;

    @Column(name = "STARTED_AT", nullable = false)
    private Instant startedAt;

    @Column(name = "HEARTBEAT_AT", nullable = false)
    private Instant heartbeatAt;

    protected ClusterNode() {
        // for JPA
    }

    public ClusterNode(String name, String internalUrl, Instant startedAt) {
        this.name = name;
        this.internalUrl = internalUrl;
        this.startedAt = startedAt;
        this.heartbeatAt = startedAt;
    }

    public void restarted(String url, Instant at) {
        internalUrl = url;
        startedAt = at;
        heartbeatAt = at;
    }

    public void beat(Instant at) {
        heartbeatAt = at;
    }

    public String name() {
        return name;
    }

    public String internalUrl() {
        return internalUrl;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }
}
