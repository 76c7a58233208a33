package org.universalim.cluster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Work one node of the ISP does for all of them (timers, the federation outbox, reaping dead nodes): held
 * by one node until it expires, renewed with every heartbeat.
 */
@Entity
@Table(name = "CLUSTER_LEASE")
public class ClusterLease {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "HOLDER", length = 64, nullable = false)
    private String holder;

    @Column(name = "EXPIRES_AT", nullable = false)
    private Instant expiresAt;

    protected ClusterLease() {
        // for JPA
    }

    public ClusterLease(String name, String holder, Instant expiresAt) {
        this.name = name;
        this.holder = holder;
        this.expiresAt = expiresAt;
    }

    public String holder() {
        return holder;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
