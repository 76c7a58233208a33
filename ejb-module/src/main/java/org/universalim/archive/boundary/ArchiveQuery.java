package org.universalim.archive.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A query of a user's archive as a client asks it (XEP-0313 section 4.1, XEP-0059): every field optional.
 *
 * @param with      a contact's address: only the conversation with them
 * @param ids       only these archive ids
 * @param afterId   only messages after this archive id (the form's {@code after-id})
 * @param beforeId  only messages before this archive id (the form's {@code before-id}: a filter, the page still runs
 *                  forwards)
 * @param rsmAfter  the page after this archive id (XEP-0059 {@code <after/>})
 * @param rsmBefore the page before this archive id, paging backwards (XEP-0059 {@code <before/>})
 * @param last      the last page (XEP-0059 {@code <before/>} without an id)
 * @param max      the most messages in the page (below 0: the server's page size; 0 counts only)
 */
public record ArchiveQuery(String with, Instant start, Instant end, List<String> ids, String afterId, String beforeId,
                           String rsmAfter, String rsmBefore, boolean last, int max) {

    public ArchiveQuery {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }
}
