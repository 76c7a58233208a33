package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.privacy.boundary.PrivacyGate;
import org.universalim.privacy.control.Admission;
import org.universalim.roster.boundary.RosterContacts;
import org.universalim.routing.control.OfflineBox;
import org.universalim.routing.control.OfflineSettings;
import org.universalim.routing.entity.ImMessage;

/**
 * What may wait in a user's offline box besides its overall limit: no stranger's message when the user keeps none
 * for strangers (policy {@code no_offline}), and at most {@code offline.max.per.sender} messages of one sender, so
 * that no sender can fill the box and shut everybody else out. Asked only when a message is about to be stored.
 */
@ApplicationScoped
public class OfflineQuota {

    public static final String NOT_STORED = "not_stored";
    public static final String FULL = "offline_storage_full";

    @EJB
    OfflineBox box;

    @Inject
    PrivacyGate privacy;

    @Inject
    RosterContacts contacts;

    @Inject
    ShownAddresses shown;

    @Inject
    OfflineSettings settings;

    /** Why the message may not be stored, or null when it may. */
    public SendResult refusal(ImMessage message) {
        String user = message.recipientUser();
        if (user == null || user.equals(message.senderUser())) {
            return null;
        }
        UserId sender = message.sender();
        if (privacy.message(user, sender, () -> contacts.holds(user, sender)) == Admission.DELIVER_NOT_STORED) {
            return SendResult.failed(message.id(), NOT_STORED, shown.recipient(message) + " keeps no messages from people "
                    + "outside their contacts while away: write again when they are online");
        }
        int share = settings.maxPerSender();
        if (box.countFrom(user, sender) >= share) {
            return SendResult.failed(message.id(), FULL, "you have " + share + " messages waiting for "
                    + shown.recipient(message) + " already: wait until they read them");
        }
        return null;
    }
}
