package org.universalim.archive.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A query of a user's archive as a client asks it (XEP-0313 section 4.1, XEP-0059): every field optional.
 *
 * @param with     a contact's address: only the conversation with them
 * @param ids      only these archive ids
 * @param afterId  the page after this archive id
 * @param beforeId the page before this archive id
 * @param last     the last page (RSM {@code <before/>} without an id)
 * @param max      the most messages in the page (below 0: the server's page size; 0 counts only)
 */
public record ArchiveQuery(String with, Instant start, Instant end, List<String> ids, String afterId, String beforeId,
                           boolean last, int max) {

    public ArchiveQuery {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }
}
