package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.presence.control.Unavailability;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.privacy.control.Admission;
import org.universalim.roster.boundary.RosterContacts;

/**
 * Whether a message may go, by the block lists and the recipient's stranger policy, asked from memory: a sender who
 * blocks the recipient is told to unblock first; a sender the recipient blocks is answered as if the recipient were
 * offline, and the message is dropped (the sender must not learn of the block); a stranger the recipient refuses is
 * told so. A stranger whose recipient keeps nothing offline for strangers is refused only when it would be stored
 * ({@link OfflineQuota}). The same for messages from users of other ISPs, at our boundary.
 */
@ApplicationScoped
public class MessageAdmission {

    public static final String BLOCKED = "blocked";
    public static final String NOT_ACCEPTED = "not_accepted";

    @Inject
    PrivacyGate privacy;

    @Inject
    RosterContacts contacts;

    @Inject
    IspSettings isp;

    /**
     * What a local sender is told instead of sending, or null when the message goes on.
     *
     * @param recipientUser the local recipient's user name, null for a user of another ISP
     */
    public SendResult refusal(String senderUser, UserId to, String recipientUser, String messageId) {
        if (privacy.blocks(senderUser, to)) {
            return SendResult.failed(messageId, BLOCKED, "you block " + to + ": unblock them to write to them");
        }
        if (recipientUser == null || recipientUser.equals(senderUser)) {
            return null;
        }
        UserId from = isp.localAddress(senderUser);
        return switch (privacy.message(recipientUser, from, () -> contacts.holds(recipientUser, from))) {
            case BLOCKED -> new SendResult(messageId, SendResult.STORED, null, Unavailability.NO_DEVICE_ONLINE.name(),
                    Unavailability.NO_DEVICE_ONLINE.explain(to.toString()));
            case REFUSED -> SendResult.failed(messageId, NOT_ACCEPTED, to + " takes messages only from their contacts");
            default -> null;
        };
    }

    /** What becomes of a message from a user of another ISP to a local user. */
    public Admission fromOtherIsp(String recipientUser, UserId sender) {
        return privacy.message(recipientUser, sender, () -> contacts.holds(recipientUser, sender));
    }
}
