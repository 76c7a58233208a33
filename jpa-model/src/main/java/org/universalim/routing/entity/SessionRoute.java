package org.universalim.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The Universal IM server's table of users to Local IM server nodes (FIG. 6 step 640, R12): one row per
 * connected device, naming the node it is connected to.
 */
@Entity
@Table(name = "SESSION_ROUTE", indexes = {
        @Index(name = "IX_SESSION_ROUTE_USER", columnList = "USER_NAME"),
        @Index(name = "IX_SESSION_ROUTE_NODE", columnList = "NODE")})
@NamedQuery(name = SessionRoute.OF_USER, query = "SELECT r FROM SessionRoute r WHERE r.userName = :user")
@NamedQuery(name = SessionRoute.DELETE_OF_NODE, query = "DELETE FROM SessionRoute r WHERE r.node = :node")
public class SessionRoute {

    public static final String OF_USER = "SessionRoute.ofUser";
    public static final String DELETE_OF_NODE = "SessionRoute.deleteOfNode";

    /** The session's id, unique across nodes. */
    @Id
    @Column(name = "SESSION_ID", length = 64)
    private String sessionId;

    @Column(name = "USER_NAME", length = 32, nullable = false)
    private String userName;

    @Column(name = "DEVICE_NAME", length = 64, nullable = false)
    private String device;

    @Column(name = "NODE", length = 64, nullable = false)
    private String node;

    @Column(name = "PROTOCOL", length = 16, nullable = false)
    private String protocol;

    @Column(name = "CONNECTED_AT", nullable = false)
    private Instant connectedAt;

    protected SessionRoute() {
        // for JPA
    }

    public SessionRoute(String sessionId, String userName, String device, String node, String protocol, Instant connectedAt) {
        this.sessionId = sessionId;
        this.userName = userName;
        this.device = device;
        this.node = node;
        this.protocol = protocol;
        this.connectedAt = connectedAt;
    }

    public String sessionId() {
        return sessionId;
    }

    public String userName() {
        return userName;
    }

    public String device() {
        return device;
    }

    public String node() {
        return node;
    }

    public String protocol() {
        return protocol;
    }

    public Instant connectedAt() {
        return connectedAt;
    }
}
