package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

import java.time.Instant;

/** A user of a peer ISP who tracks one of our users (R5): their ISP gets that user's presence updates (R6). */
@Entity
@Table(name = "REMOTE_WATCH", uniqueConstraints = @UniqueConstraint(name = "UQ_REMOTE_WATCH",
        columnNames = {"LOCAL_USER", "WATCHER"}))
@NamedQuery(name = RemoteWatch.OF_USER, query = "SELECT w FROM RemoteWatch w WHERE w.localUser = :user")
@NamedQuery(name = RemoteWatch.BY_WATCHER, query = "SELECT w FROM RemoteWatch w WHERE w.localUser = :user AND w.watcher = :watcher")
@NamedQuery(name = RemoteWatch.OF_PEER, query = "SELECT w FROM RemoteWatch w WHERE w.peer = :peer")
public class RemoteWatch {

    public static final String OF_USER = "RemoteWatch.ofUser";
    public static final String BY_WATCHER = "RemoteWatch.byWatcher";
    public static final String OF_PEER = "RemoteWatch.ofPeer";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "remoteWatchIds")
    @TableGenerator(name = "remoteWatchIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "REMOTE_WATCH", allocationSize = 50)
    private Long id;

    @Column(name = "LOCAL_USER", length = 32, nullable = false)
    private String localUser;

    @Column(name = "WATCHER", length = 300, nullable = false)
    private String watcher;

    @Column(name = "PEER", length = 253, nullable = false)
    private String peer;

    @Column(name = "SINCE", nullable = false)
    private Instant since;

    protected RemoteWatch() {
        // for JPA
    }

    public RemoteWatch(String localUser, String watcher, String peer, Instant since) {
        this.localUser = localUser;
        this.watcher = watcher;
        this.peer = peer;
        this.since = since;
    }

    public String localUser() {
        return localUser;
    }

    public String watcher() {
        return watcher;
    }

    /**
     * The watcher as a {@link org.universalim.address.UserId}. The column stays text: an XMPP server's presence
     * subscription may come from a bare domain, which is recorded as given and matches no user's address.
     */
    public org.universalim.address.UserId watcherAddress() {
        return org.universalim.address.UserId.fromStored(watcher);
    }

    public String peer() {
        return peer;
    }
}
