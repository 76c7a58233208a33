package org.universalim.federation.control;

import org.universalim.federation.wire.AvailabilityInfo;
import org.universalim.federation.wire.DeviceInfo;
import org.universalim.federation.wire.DeviceWindowsInfo;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.WindowInfo;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.control.WindowSpan;
import org.universalim.presence.entity.DeviceState;
import org.universalim.presence.entity.DeviceType;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

/** Between the read models of presence and availability and their form in the federation contract. */
public final class WireMapping {

    private WireMapping() {
    }

    public static PresenceInfo toWire(UserPresence p) {
        PresenceInfo info = new PresenceInfo();
        info.user = p.address();
        info.aggregate = p.aggregate().name();
        info.available = p.available();
        info.statusText = cut(p.statusText(), 500);
        for (UserPresence.DevicePresence d : p.devices()) {
            DeviceInfo device = new DeviceInfo();
            device.name = d.name();
            device.type = d.type().name();
            device.state = d.state().name();
            device.securityLevel = d.securityLevel();
            device.fixedAddress = d.fixedAddress();
            device.endpoint = cut(d.endpoint(), 500);
            device.statusText = cut(d.statusText(), 500);
            device.applications = new ArrayList<>(d.applications());
            info.devices.add(device);
        }
        return info;
    }

    public static UserPresence fromWire(PresenceInfo info) {
        List<UserPresence.DevicePresence> devices = new ArrayList<>();
        for (DeviceInfo d : info.devices) {
            devices.add(new UserPresence.DevicePresence(d.name, DeviceType.valueOf(d.type), DeviceState.valueOf(d.state),
                    d.statusText, List.copyOf(d.applications), d.securityLevel, d.fixedAddress, d.endpoint));
        }
        return new UserPresence(info.user, true, DeviceState.valueOf(info.aggregate), info.available, info.statusText, devices);
    }

    /**
     * What watchers see of a user whose ISP has not answered for a while: unavailable, every device they were
     * last known with offline, and why.
     */
    public static UserPresence unreachable(UserPresence last, String ispDomain) {
        String why = ispDomain + " cannot be reached";
        List<UserPresence.DevicePresence> devices = new ArrayList<>();
        for (UserPresence.DevicePresence d : last.devices()) {
            devices.add(new UserPresence.DevicePresence(d.name(), d.type(), DeviceState.OFFLINE, why, d.applications(),
                    d.securityLevel(), d.fixedAddress(), null));
        }
        return new UserPresence(last.address(), last.universal(), DeviceState.OFFLINE, false, why, devices,
                UserPresence.PEER_UNREACHABLE);
    }

    /** What watchers see of a user whose ISP tells nothing (unauthorized, or not tracked yet). */
    public static UserPresence unknown(String address) {
        return new UserPresence(address, true, DeviceState.OFFLINE, false, null, List.of());
    }

    public static AvailabilityInfo toWire(AvailabilityView view) {
        AvailabilityInfo info = new AvailabilityInfo();
        info.user = view.address();
        info.timeZone = view.timeZone();
        info.weeks = view.weeks();
        info.threshold = view.threshold();
        for (AvailabilityView.DeviceWindows d : view.devices()) {
            DeviceWindowsInfo dw = new DeviceWindowsInfo();
            dw.device = d.device();
            dw.type = d.type().name();
            for (WindowSpan span : d.windows()) {
                WindowInfo w = new WindowInfo();
                w.from = span.from();
                w.until = span.until();
                span.days().forEach(day -> w.days.add(day.name()));
                dw.windows.add(w);
            }
            info.devices.add(dw);
        }
        return info;
    }

    public static AvailabilityView fromWire(AvailabilityInfo info, DeviceState aggregate) {
        List<AvailabilityView.DeviceWindows> devices = new ArrayList<>();
        for (DeviceWindowsInfo dw : info.devices) {
            List<WindowSpan> spans = new ArrayList<>();
            for (WindowInfo w : dw.windows) {
                spans.add(new WindowSpan(w.days.stream().map(DayOfWeek::valueOf).toList(), w.from, w.until));
            }
            devices.add(new AvailabilityView.DeviceWindows(dw.device, DeviceType.valueOf(dw.type), spans));
        }
        return new AvailabilityView(info.user, info.timeZone, info.weeks, info.threshold, aggregate, devices);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
