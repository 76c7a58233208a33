package org.universalim.routing.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.routing.entity.ImMessage;

/**
 * How a message's sender and recipient are shown to the devices and in receipts: as the message recorded
 * them when it was sent, else (a message that came from another ISP, or read back from the store) as
 * {@link AddressDisplay} shows the address.
 */
@ApplicationScoped
public class ShownAddresses {

    @Inject
    AddressDisplay display;

    public String sender(ImMessage m) {
        if (m.shownSender() != null) {
            return m.shownSender();
        }
        return display.shown(m.sender());
    }

    public String recipient(ImMessage m) {
        if (m.shownRecipient() != null) {
            return m.shownRecipient();
        }
        return display.shown(m.recipient());
    }
}
