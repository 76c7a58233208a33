package org.universalim.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.control.DeliveryPlan;
import org.universalim.presence.control.DeliveryPlanner;
import org.universalim.presence.control.DeviceSnapshot;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.control.PresenceSettings;
import org.universalim.presence.entity.DeliveryRules;
import org.universalim.presence.entity.Device;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's presence logic rules (R4) and the delivery decision for a message. The routing core calls
 * {@link #plan} for every message to a local user.
 */
@Stateless
public class PresenceRules {

    public static final long MIN_ACK_TIMEOUT = 500;
    public static final long MAX_ACK_TIMEOUT = 120_000;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    DeviceRegistry devices;

    @Inject
    PresenceSettings settings;

    @Inject
    Clock clock;

    @Inject
    DeliveryFacts facts;

    public RulesView rules(String userName) {
        List<Device> all = devices.devices(userName);
        DeliveryRules rules = em.find(DeliveryRules.class, userName);
        List<String> configured = rules == null ? List.of() : rules.deviceOrder();
        return new RulesView(DeliveryPlanner.effectiveOrder(snapshots(all), configured), configured,
                ackTimeout(rules), rules == null);
    }

    /** Replaces the user's rules. */
    public RulesView update(String userName, RulesUpdate update) {
        List<Device> all = devices.devices(userName);
        Set<String> known = new HashSet<>();
        all.forEach(d -> known.add(d.name()));
        List<FieldError> errors = new ArrayList<>();
        List<String> order = update.deviceOrder() == null ? List.of() : update.deviceOrder();
        Set<String> seen = new HashSet<>();
        for (String name : order) {
            if (name == null || !known.contains(name.strip())) {
                errors.add(new FieldError("deviceOrder", "no device named '" + name + "'"));
            } else if (!seen.add(name.strip())) {
                errors.add(new FieldError("deviceOrder", "'" + name + "' is named twice"));
            }
        }
        long timeout = update.ackTimeoutMillis() == null ? settings.defaultAckTimeoutMillis() : update.ackTimeoutMillis();
        if (timeout < MIN_ACK_TIMEOUT || timeout > MAX_ACK_TIMEOUT) {
            errors.add(new FieldError("ackTimeoutMillis", "the acknowledgement time is from " + MIN_ACK_TIMEOUT
                    + " to " + MAX_ACK_TIMEOUT + " ms"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        DeliveryRules rules = em.find(DeliveryRules.class, userName);
        if (rules == null) {
            rules = new DeliveryRules(userName);
            em.persist(rules);
        }
        rules.update(order.stream().map(String::strip).toList(), timeout, clock.instant());
        facts.changing(userName);
        return rules(userName);
    }

    /** Back to the defaults: registration order and the server's acknowledgement time. */
    public RulesView reset(String userName) {
        DeliveryRules rules = em.find(DeliveryRules.class, userName);
        if (rules != null) {
            em.remove(rules);
            facts.changing(userName);
        }
        return rules(userName);
    }

    /**
     * The delivery decision for one message to a local user.
     *
     * @param failed devices already tried for this message that failed or did not acknowledge
     */
    public DeliveryPlan plan(String userName, MessageRequirements message, Collection<String> failed) {
        DeliveryFacts.Facts f = facts.get(userName, () -> read(userName));
        return DeliveryPlanner.plan(f.devices(), f.order(), message, failed, f.ackTimeoutMillis());
    }

    /** What the rules read for a message to the user: devices, order, acknowledgement time (from the database). */
    public DeliveryFacts.Facts facts(String userName) {
        return read(userName);
    }

    private DeliveryFacts.Facts read(String userName) {
        List<Device> all = devices.devices(userName);
        DeliveryRules rules = em.find(DeliveryRules.class, userName);
        return new DeliveryFacts.Facts(snapshots(all), rules == null ? List.of() : List.copyOf(rules.deviceOrder()),
                ackTimeout(rules));
    }

    public DeliveryDecision decide(String userName, MessageRequirements message) {
        return DeliveryDecision.of(plan(userName, message, List.of()), userName);
    }

    private long ackTimeout(DeliveryRules rules) {
        return rules == null ? settings.defaultAckTimeoutMillis() : rules.ackTimeoutMillis();
    }

    static List<DeviceSnapshot> snapshots(List<Device> devices) {
        return devices.stream().map(d -> new DeviceSnapshot(d.name(), d.state(), d.applications(), d.securityLevel())).toList();
    }
}
