package org.universalim.clientprotocol.xmpp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a resource announced in its available presence beyond its state: elements shown to others with its presence
 * (its entity capabilities, XEP-0115; the hash of its photo, XEP-0153), kept as XML by namespace, and the service
 * discovery features its capabilities stand for (which personal event nodes it asks to be told of: {@code +notify}).
 * Forgotten when the resource goes unavailable.
 */
public final class Announced {

    private final Map<String, String> elements = new ConcurrentSkipListMap<>();
    private volatile String caps;
    private volatile Set<String> features = Set.of();
    private final AtomicBoolean lastItemsSent = new AtomicBoolean();

    /** Keeps an element (XML) to show with the resource's presence, in place of the one of that namespace. */
    public void keep(String namespace, String xml) {
        elements.put(namespace, xml);
    }

    public void forget(String namespace) {
        elements.remove(namespace);
    }

    /** The elements to show with the resource's presence, as XML ("" for none). */
    public String elements() {
        return elements.isEmpty() ? "" : String.join("", elements.values());
    }

    /** The capabilities (node and ver) whose features are known or being learned, or {@code null}. */
    public String caps() {
        return caps;
    }

    public void caps(String nodeAndVer) {
        this.caps = nodeAndVer;
    }

    public Set<String> features() {
        return features;
    }

    public void features(Set<String> known) {
        this.features = Set.copyOf(known);
    }

    /** Whether the resource asked to be told of the node's items (XEP-0163 {@code +notify}). */
    public boolean notifies(String node) {
        return features.contains(node + "+notify");
    }

    /** True the first time it is asked after the resource became available: the last items go once. */
    public boolean firstLastItems() {
        return lastItemsSent.compareAndSet(false, true);
    }

    void clear() {
        elements.clear();
        caps = null;
        features = Set.of();
        lastItemsSent.set(false);
    }
}
