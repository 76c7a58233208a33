package org.universalim.profile.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.profile.entity.Card;
import org.universalim.profile.entity.PersonalItem;

/** The bounds of what users publish about themselves (server.xml variables). */
@ApplicationScoped
public class ProfileSettings {

    /** How deep an item's payload (or a card) may nest, counting its own element. */
    public static final int MAX_DEPTH = 8;

    @Inject
    @ConfigProperty(name = "vcard.max.bytes", defaultValue = "30000")
    int cardMaxBytes;

    @Inject
    @ConfigProperty(name = "vcard.photo.max.bytes", defaultValue = "16384")
    int photoMaxBytes;

    @Inject
    @ConfigProperty(name = "pep.item.max.bytes", defaultValue = "30000")
    int itemMaxBytes;

    @Inject
    @ConfigProperty(name = "pep.items.per.node", defaultValue = "256")
    int itemsPerNode;

    @Inject
    @ConfigProperty(name = "pep.nodes.per.user", defaultValue = "64")
    int nodesPerUser;

    @Inject
    @ConfigProperty(name = "pep.bytes.per.user", defaultValue = "1048576")
    long bytesPerUser;

    /** Settings as given, for tests. */
    public static ProfileSettings of(int cardMaxBytes, int photoMaxBytes, int itemMaxBytes, int itemsPerNode, int nodesPerUser,
                                     long bytesPerUser) {
        ProfileSettings s = new ProfileSettings();
        s.cardMaxBytes = cardMaxBytes;
        s.photoMaxBytes = photoMaxBytes;
        s.itemMaxBytes = itemMaxBytes;
        s.itemsPerNode = itemsPerNode;
        s.nodesPerUser = nodesPerUser;
        s.bytesPerUser = bytesPerUser;
        return s;
    }

    /** The largest card, in UTF-8 bytes (at most what the database keeps). */
    public int cardMaxBytes() {
        return Math.max(256, Math.min(cardMaxBytes, Card.MAX_XML));
    }

    /** The largest photo in a card, decoded. */
    public int photoMaxBytes() {
        return Math.max(0, photoMaxBytes);
    }

    /** The largest item payload, in UTF-8 bytes (at most what the database keeps). */
    public int itemMaxBytes() {
        return Math.max(256, Math.min(itemMaxBytes, PersonalItem.MAX_PAYLOAD));
    }

    /** The most items a node keeps ({@code pubsub#max_items} "max"). */
    public int itemsPerNode() {
        return Math.max(1, itemsPerNode);
    }

    public int nodesPerUser() {
        return Math.max(1, nodesPerUser);
    }

    /** What one user's items may add up to, in bytes. */
    public long bytesPerUser() {
        return Math.max(itemMaxBytes(), bytesPerUser);
    }
}
