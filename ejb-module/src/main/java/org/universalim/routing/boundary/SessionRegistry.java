package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client sessions connected to this node, by user and device. Lock-free on the routing path; a
 * second log-in of the same device replaces the first.
 */
@ApplicationScoped
public class SessionRegistry {

    @Inject
    CatchingUp catchingUp;

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ClientSession>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ClientSession> byId = new ConcurrentHashMap<>();

    /**
     * Adds a session.
     *
     * @return the session it replaced (same user and device), to be closed by the caller
     */
    public Optional<ClientSession> register(ClientSession session) {
        // new messages wait until the stored ones were offered to it (CatchingUp, StoredDelivery)
        catchingUp.opened(session);
        ClientSession previous = byUser.computeIfAbsent(session.userName(), u -> new ConcurrentHashMap<>())
                .put(session.device(), session);
        byId.put(session.id(), session);
        if (previous != null && previous != session) {
            byId.remove(previous.id());
            catchingUp.closed(previous);
            return Optional.of(previous);
        }
        return Optional.empty();
    }

    /**
     * Removes a session if it is still the registered one for its device.
     *
     * @return whether it was
     */
    public boolean unregister(ClientSession session) {
        byId.remove(session.id(), session);
        catchingUp.closed(session);
        Map<String, ClientSession> devices = byUser.get(session.userName());
        if (devices == null) {
            return false;
        }
        boolean removed = devices.remove(session.device(), session);
        if (devices.isEmpty()) {
            byUser.remove(session.userName(), devices);
        }
        return removed;
    }

    public Optional<ClientSession> session(String userName, String device) {
        Map<String, ClientSession> devices = byUser.get(userName);
        return devices == null ? Optional.empty() : Optional.ofNullable(devices.get(device));
    }

    public Collection<ClientSession> sessionsOf(String userName) {
        Map<String, ClientSession> devices = byUser.get(userName);
        return devices == null ? List.of() : List.copyOf(devices.values());
    }

    public boolean isConnected(String userName) {
        Map<String, ClientSession> devices = byUser.get(userName);
        return devices != null && !devices.isEmpty();
    }

    public Optional<ClientSession> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Connected sessions per protocol, for the console and metrics. */
    public Map<Protocol, Integer> countByProtocol() {
        Map<Protocol, Integer> counts = new EnumMap<>(Protocol.class);
        for (Protocol p : Protocol.values()) {
            counts.put(p, 0);
        }
        byId.values().forEach(s -> counts.merge(s.protocol(), 1, Integer::sum));
        return counts;
    }

    public int size() {
        return byId.size();
    }

    public Collection<ClientSession> all() {
        return List.copyOf(byId.values());
    }
}
