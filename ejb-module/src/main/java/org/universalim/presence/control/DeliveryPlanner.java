package org.universalim.presence.control;

import org.universalim.presence.entity.DeviceState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presence logic rules of R4, as a pure function: which of a user's devices gets a message.
 *
 * <ol>
 *   <li>Devices are ranked by the user's delivery order; devices the order does not name follow in the
 *       order they were registered (with no rules at all: registration order).</li>
 *   <li>A device is a candidate when it is connected and not set to do-not-disturb, supports the
 *       message's application type and has a security level at or above the message's.</li>
 *   <li>{@link DeviceState#READY READY} candidates come first, in rank order; then the connected but
 *       less attentive ones ({@link DeviceState#BUSY BUSY}, {@link DeviceState#AWAY AWAY}), in rank order,
 *       so a message still reaches a connected device rather than waiting in storage.</li>
 *   <li>Devices that already failed or did not acknowledge this message are skipped (failover).</li>
 *   <li>With no candidate the outcome says why: no device at all, none online, all do-not-disturb, none
 *       supports the type, none secure enough, or every candidate failed.</li>
 * </ol>
 */
public final class DeliveryPlanner {

    private DeliveryPlanner() {
    }

    /**
     * @param devices   the user's devices in registration order
     * @param order     the user's delivery order (device names); may be empty or name unknown devices
     * @param message   the message's application type and security level
     * @param failed    devices already tried for this message without success
     */
    public static DeliveryPlan plan(List<DeviceSnapshot> devices, List<String> order, MessageRequirements message,
                                    Collection<String> failed, long ackTimeoutMillis) {
        if (devices.isEmpty()) {
            return DeliveryPlan.notAvailable(Unavailability.NO_DEVICES, ackTimeoutMillis);
        }
        List<DeviceSnapshot> ranked = rank(devices, order);
        List<DeviceSnapshot> reachable = new ArrayList<>();
        boolean anyDoNotDisturb = false;
        for (DeviceSnapshot d : ranked) {
            if (d.state() == DeviceState.DO_NOT_DISTURB) {
                anyDoNotDisturb = true;
            } else if (d.state().isOnline()) {
                reachable.add(d);
            }
        }
        if (reachable.isEmpty()) {
            return DeliveryPlan.notAvailable(anyDoNotDisturb ? Unavailability.DO_NOT_DISTURB
                    : Unavailability.NO_DEVICE_ONLINE, ackTimeoutMillis);
        }
        List<DeviceSnapshot> supporting = reachable.stream().filter(d -> d.supports(message.application())).toList();
        if (supporting.isEmpty()) {
            return DeliveryPlan.notAvailable(Unavailability.NO_DEVICE_SUPPORTS_APPLICATION, ackTimeoutMillis);
        }
        List<DeviceSnapshot> secure = supporting.stream().filter(d -> d.securityLevel() >= message.securityLevel()).toList();
        if (secure.isEmpty()) {
            return DeliveryPlan.notAvailable(Unavailability.NO_DEVICE_SECURE_ENOUGH, ackTimeoutMillis);
        }
        List<DeviceSnapshot> untried = secure.stream().filter(d -> !failed.contains(d.name())).toList();
        if (untried.isEmpty()) {
            return DeliveryPlan.notAvailable(Unavailability.NO_DEVICE_ACKNOWLEDGED, ackTimeoutMillis);
        }
        List<String> candidates = new ArrayList<>();
        untried.stream().filter(d -> d.state() == DeviceState.READY).forEach(d -> candidates.add(d.name()));
        untried.stream().filter(d -> d.state() != DeviceState.READY).forEach(d -> candidates.add(d.name()));
        return DeliveryPlan.deliver(candidates, ackTimeoutMillis);
    }

    /** The devices in delivery order: those the order names first, then the rest by registration. */
    public static List<DeviceSnapshot> rank(List<DeviceSnapshot> devices, List<String> order) {
        Map<String, DeviceSnapshot> byName = new LinkedHashMap<>();
        devices.forEach(d -> byName.put(d.name(), d));
        List<DeviceSnapshot> ranked = new ArrayList<>(devices.size());
        for (String name : order) {
            DeviceSnapshot d = byName.remove(name);
            if (d != null) {
                ranked.add(d);
            }
        }
        ranked.addAll(byName.values());
        return ranked;
    }

    /** The effective order of device names under the rules. */
    public static List<String> effectiveOrder(List<DeviceSnapshot> devices, List<String> order) {
        return rank(devices, order).stream().map(DeviceSnapshot::name).toList();
    }
}
