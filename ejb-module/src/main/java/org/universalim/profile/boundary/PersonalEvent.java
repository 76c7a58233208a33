package org.universalim.profile.boundary;

/**
 * Something that happened on a personal event node, as subscribers are told (XEP-0060 section 7.1.2 and 7.2.2):
 * an item published (with its payload), an item retracted, the node purged or deleted.
 *
 * @param payload the item's payload as XML ({@code null} unless an item was published, or when it is too large to send)
 */
public record PersonalEvent(String node, Kind kind, String itemId, String payload) {

    public enum Kind { ITEM, RETRACT, PURGE, DELETE }

    public static PersonalEvent item(String node, String itemId, String payload) {
        return new PersonalEvent(node, Kind.ITEM, itemId, payload);
    }
}
