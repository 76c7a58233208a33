package org.universalim.archive.control;

import org.universalim.address.UserId;

import java.time.Instant;
import java.util.List;

/**
 * What an archive query asks for (XEP-0313 section 4.1 and XEP-0059), in the store's terms: the owner's key (local
 * address), the conversation with one contact (its key) or all, a time range, message ids, a place to page from and
 * the conversations the owner's preferences leave out or keep.
 *
 * @param with      the contact's key, or null for every conversation
 * @param ids       only these message ids (empty: any)
 * @param backwards the page is the newest matching messages (the last page, or the page before a message), not the
 *                  oldest
 * @param excluded  conversation keys never shown
 * @param onlyIn    when not null, only these conversation keys are shown
 */
public record ArchiveFilter(UserId owner, String with, Instant start, Instant end, List<String> ids, boolean backwards,
                            int max, List<String> excluded, List<String> onlyIn) {
}
