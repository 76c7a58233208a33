package org.universalim.roster.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import org.universalim.address.UserId;
import org.universalim.address.UserIdConverter;

import java.time.Instant;

/**
 * A request to see a local user's presence that the user has not answered yet; kept until answered, and
 * shown at every log-on (nobody sees a user's presence without that user's consent).
 */
@Entity
@Table(name = "SUBSCRIPTION_REQUEST", uniqueConstraints = @UniqueConstraint(name = "UQ_SUBSCRIPTION_REQUEST",
        columnNames = {"OWNER", "REQUESTER"}))
@NamedQuery(name = SubscriptionRequest.OF_OWNER, query = "SELECT r FROM SubscriptionRequest r WHERE r.owner = :owner "
        + "ORDER BY r.requestedAt")
@NamedQuery(name = SubscriptionRequest.BY_REQUESTER, query = "SELECT r FROM SubscriptionRequest r WHERE r.owner = :owner "
        + "AND r.requester = :requester")
public class SubscriptionRequest {

    public static final String OF_OWNER = "SubscriptionRequest.ofOwner";
    public static final String BY_REQUESTER = "SubscriptionRequest.byRequester";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "subscriptionRequestIds")
    @TableGenerator(name = "subscriptionRequestIds", table = "ID_SEQUENCES", pkColumnName = "SEQ_NAME",
            valueColumnName = "SEQ_VALUE", pkColumnValue = "SUBSCRIPTION_REQUEST", allocationSize = 50)
    private Long id;

    /** The local user asked. */
    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    /** Who asks, by address. */
    @Basic(optional = false)
    @Convert(converter = UserIdConverter.class)
    @Column(name = "REQUESTER", length = 300, nullable = false, updatable = false)
    private UserId requester;

    @Column(name = "MESSAGE", length = 200)
    private String message;

    @Column(name = "REQUESTED_AT", nullable = false, updatable = false)
    private Instant requestedAt;

    protected SubscriptionRequest() {
        // for JPA
    }

    public SubscriptionRequest(String owner, UserId requester, String message, Instant requestedAt) {
        this.owner = owner;
        this.requester = requester;
        this.message = message;
        this.requestedAt = requestedAt;
    }

    public String owner() {
        return owner;
    }

    public UserId requester() {
        return requester;
    }

    public String message() {
        return message;
    }

    public Instant requestedAt() {
        return requestedAt;
    }
}
