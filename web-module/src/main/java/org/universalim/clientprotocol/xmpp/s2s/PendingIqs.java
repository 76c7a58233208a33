package org.universalim.clientprotocol.xmpp.s2s;

import java.util.HashMap;
import java.util.Map;

/**
 * The IQs our users' resources sent to remote XMPP entities and that wait for their answer (RFC 6120 8.1.2.1: the answer
 * comes from the entity asked, with the request's id, to the resource that asked), bounded in all and per resource, so a
 * client cannot fill the server's memory with questions nobody answers.
 *
 * @param <W> what is kept of a waiting IQ (the session to answer, the request)
 */
final class PendingIqs<W> {

    /** An IQ waiting: our resource that asked (full JID), its id and the remote entity asked (as the answer's {@code from}). */
    record Key(String ours, String id, String remote) {
    }

    private final int max;
    private final int perResource;
    private final Map<Key, W> waiting = new HashMap<>();
    private final Map<String, Integer> ofResource = new HashMap<>();

    PendingIqs(int max, int perResource) {
        this.max = max;
        this.perResource = perResource;
    }

    /** Keeps an IQ; false when that id waits already for that entity, or when too many wait (in all, or of this resource). */
    synchronized boolean add(Key key, W w) {
        if (waiting.size() >= max || waiting.containsKey(key) || ofResource.getOrDefault(key.ours(), 0) >= perResource) {
            return false;
        }
        waiting.put(key, w);
        ofResource.merge(key.ours(), 1, Integer::sum);
        return true;
    }

    /** The IQ an answer (or the deadline, or a failure) settles, once; {@code null} when none waits. */
    synchronized W take(Key key) {
        W w = waiting.remove(key);
        if (w != null) {
            ofResource.computeIfPresent(key.ours(), (k, n) -> n <= 1 ? null : n - 1);
        }
        return w;
    }

    synchronized int size() {
        return waiting.size();
    }
}
