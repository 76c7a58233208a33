package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * How calls to a peer have been going. Kept apart from the peer's configuration (and not versioned) so
 * the sender's frequent updates never clash with an administrator's edit.
 */
@Entity
@Table(name = "PEER_HEALTH")
public class PeerHealth {

    @Id
    @Column(name = "DOMAIN", length = 253)
    private String domain;

    @Column(name = "REACHABLE", nullable = false)
    private boolean reachable = true;

    @Column(name = "LAST_SUCCESS_AT")
    private Instant lastSuccessAt;

    @Column(name = "LAST_FAILURE_AT")
    private Instant lastFailureAt;

    @Column(name = "LAST_ERROR", length = 500)
    private String lastError;

    /** The first failed call since the last one that got through; null while reachable. */
    @Column(name = "UNREACHABLE_SINCE")
    private Instant unreachableSince;

    /** When its users were shown unavailable to our watchers for this outage; null when they are not. */
    @Column(name = "USERS_UNAVAILABLE_AT")
    private Instant usersUnavailableAt;

    protected PeerHealth() {
        // for JPA
    }

    public PeerHealth(String domain) {
        this.domain = domain;
    }

    /**
     * Records a call that got through.
     *
     * @return whether this ends an outage, one long enough for its users to have been shown unavailable (it
     *         came back: resynchronise); a short spell of failed calls is not one
     */
    public boolean succeeded(Instant at) {
        boolean cameBack = !reachable && usersUnavailableAt != null;
        reachable = true;
        lastSuccessAt = at;
        unreachableSince = null;
        usersUnavailableAt = null;
        return cameBack;
    }

    public void failed(Instant at, String error) {
        if (reachable || unreachableSince == null) {
            unreachableSince = at;
        }
        reachable = false;
        lastFailureAt = at;
        lastError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
    }

    public String domain() {
        return domain;
    }

    public boolean reachable() {
        return reachable;
    }

    public Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant unreachableSince() {
        return unreachableSince;
    }

    public Instant usersUnavailableAt() {
        return usersUnavailableAt;
    }

    /** Its users are shown unavailable to our watchers now, until a call gets through. */
    public void usersShownUnavailable(Instant at) {
        usersUnavailableAt = at;
    }
}
