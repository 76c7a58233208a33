package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.routing.entity.ImMessage;

/**
 * How a message's sender and recipient are shown to the devices and in receipts: as the message recorded
 * them when it was sent, else (a message that came from another ISP) by {@link IspSettings#shownAddress}
 * for a user of this ISP, and as given for a user of another ISP.
 */
@ApplicationScoped
public class ShownAddresses {

    @EJB
    LocalRegistrar registrar;

    @Inject
    IspSettings isp;

    public String sender(ImMessage m) {
        if (m.shownSender() != null) {
            return m.shownSender();
        }
        return m.senderUser() == null ? m.sender().toString() : of(m.senderUser(), m.sender());
    }

    public String recipient(ImMessage m) {
        if (m.shownRecipient() != null) {
            return m.shownRecipient();
        }
        return m.recipientUser() == null ? m.recipient().toString() : of(m.recipientUser(), m.recipient());
    }

    private String of(String user, UserId localKey) {
        return registrar.find(user).map(s -> isp.shownAddress(user, s.isUniversal()).toString()).orElse(localKey.toString());
    }
}
