package org.universalim.archive.boundary;

import java.util.List;

/**
 * A page of an archive query, oldest first.
 *
 * @param complete whether the page reaches the end of the results in its direction (XEP-0313 {@code complete})
 * @param count    how many messages match the query in all
 */
public record ArchivePage(List<ArchivedMessage> messages, boolean complete, long count) {

    public String firstId() {
        return messages.isEmpty() ? null : messages.get(0).id();
    }

    public String lastId() {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1).id();
    }
}
