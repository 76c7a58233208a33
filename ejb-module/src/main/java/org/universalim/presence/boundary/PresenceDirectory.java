package org.universalim.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.platform.NotFoundException;
import org.universalim.presence.control.AggregatePresence;
import org.universalim.presence.control.DeliveryPlanner;
import org.universalim.presence.entity.DeliveryRules;
import org.universalim.presence.entity.Device;
import org.universalim.presence.entity.DeviceState;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Local users' presence as one read model: aggregate state and device detail in delivery order. */
@Stateless
public class PresenceDirectory {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @EJB
    DeviceRegistry devices;

    @Inject
    AddressDisplay display;

    public UserPresence presence(String userName) {
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        List<Device> all = devices.devices(s.userName());
        DeliveryRules rules = em.find(DeliveryRules.class, s.userName());
        Map<String, Device> byName = all.stream().collect(Collectors.toMap(Device::name, Function.identity()));
        List<UserPresence.DevicePresence> detail = DeliveryPlanner
                .effectiveOrder(PresenceRules.snapshots(all), rules == null ? List.of() : rules.deviceOrder())
                .stream().map(byName::get)
                .map(d -> new UserPresence.DevicePresence(d.name(), d.type(), d.state(), d.statusText(),
                        List.copyOf(d.applications()), d.securityLevel(), d.fixedAddress(),
                        d.fixedAddress() ? d.endpoint() : null))
                .toList();
        DeviceState aggregate = AggregatePresence.of(all.stream().map(Device::state).toList());
        String status = detail.stream().filter(d -> d.state() == aggregate && d.statusText() != null)
                .map(UserPresence.DevicePresence::statusText).findFirst().orElse(null);
        String address = display.shown(s).toString();
        return new UserPresence(address, s.isUniversal(), aggregate, AggregatePresence.isAvailable(aggregate), status, detail);
    }

    /** Whether a local user is available now (some device ready). */
    public boolean isAvailable(String userName) {
        return AggregatePresence.isAvailable(AggregatePresence.of(
                devices.devices(userName).stream().map(Device::state).toList()));
    }
}
