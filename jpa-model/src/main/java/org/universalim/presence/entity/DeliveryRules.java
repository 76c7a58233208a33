package org.universalim.presence.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's presence logic rules (R4): the order in which devices are tried for delivery and how long a
 * device has to acknowledge a message before the next one is tried. Security levels and applications
 * are attributes of each {@link Device}.
 */
@Entity
@Table(name = "DELIVERY_RULES")
public class DeliveryRules {

    @Id
    @Column(name = "USER_NAME", length = 32)
    private String userName;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "DELIVERY_ORDER", joinColumns = @JoinColumn(name = "USER_NAME"))
    @OrderColumn(name = "POSITION")
    @Column(name = "DEVICE_NAME", length = Device.MAX_NAME, nullable = false)
    private List<String> deviceOrder = new ArrayList<>();

    @Column(name = "ACK_TIMEOUT_MS", nullable = false)
    private long ackTimeoutMillis;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected DeliveryRules() {
        // for JPA
    }

    public DeliveryRules(String userName) {
        this.userName = userName;
    }

    public void update(List<String> order, long ackTimeoutMillis, Instant when) {
        this.deviceOrder = new ArrayList<>(order);
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.updatedAt = when;
    }

    public String userName() {
        return userName;
    }

    public List<String> deviceOrder() {
        return List.copyOf(deviceOrder);
    }

    public long ackTimeoutMillis() {
        return ackTimeoutMillis;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
