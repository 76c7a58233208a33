package org.universalim.routing.control;

import jakarta.persistence.EntityManager;
import org.universalim.routing.entity.StreamPosition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream position changes of one journal batch ({@link MessageStore.Operation.Given},
 * {@link MessageStore.Operation.Forget}), folded in their order and written as a few statements: the deletes, then the
 * new rows. A position given and forgotten within the batch is never written.
 */
final class StreamPositionChanges {

    /** Largest IN list of one statement. */
    private static final int MAX_IDS = 512;

    private final Map<String, StreamPosition> given = new LinkedHashMap<>();
    private final Set<String> forgottenStreams = new LinkedHashSet<>();
    /** Messages forgotten, by stream: acknowledged there (where a message was given since is not touched). */
    private final Map<String, Set<String>> forgottenIds = new LinkedHashMap<>();

    void add(MessageStore.Operation op) {
        if (op instanceof MessageStore.Operation.Given g) {
            given.put(g.position().messageId(), g.position());
        } else if (op instanceof MessageStore.Operation.Forget f) {
            if (f.messageIds() == null) {
                given.values().removeIf(p -> p.streamId().equals(f.streamId()));
                forgottenStreams.add(f.streamId());
            } else {
                for (String id : f.messageIds()) {
                    StreamPosition p = given.get(id);
                    if (p != null && p.streamId().equals(f.streamId())) {
                        given.remove(id);
                    }
                    forgottenIds.computeIfAbsent(f.streamId(), k -> new LinkedHashSet<>()).add(id);
                }
            }
        }
    }

    /** Given positions (message ids) and forgotten streams and messages, as they stand (tests). */
    Map<String, StreamPosition> given() {
        return given;
    }

    Set<String> forgottenStreams() {
        return forgottenStreams;
    }

    Map<String, Set<String>> forgottenIds() {
        return forgottenIds;
    }

    void apply(EntityManager em) {
        for (List<String> part : parts(forgottenStreams)) {
            em.createQuery("DELETE FROM StreamPosition p WHERE p.streamId IN :streams").setParameter("streams", part)
                    .executeUpdate();
        }
        forgottenIds.forEach((stream, ids) -> {
            for (List<String> part : parts(ids)) {
                em.createQuery("DELETE FROM StreamPosition p WHERE p.streamId = :stream AND p.messageId IN :ids")
                        .setParameter("stream", stream).setParameter("ids", part).executeUpdate();
            }
        });
        // a message given anew replaces where it stood before
        for (List<String> part : parts(given.keySet())) {
            em.createQuery("DELETE FROM StreamPosition p WHERE p.messageId IN :ids").setParameter("ids", part)
                    .executeUpdate();
        }
        given.values().forEach(em::persist);
    }

    private static List<List<String>> parts(Set<String> values) {
        List<String> all = new ArrayList<>(values);
        List<List<String>> parts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_IDS) {
            parts.add(InLists.padded(all.subList(from, Math.min(all.size(), from + MAX_IDS))));
        }
        return parts;
    }
}
