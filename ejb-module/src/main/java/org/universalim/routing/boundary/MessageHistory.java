package org.universalim.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.routing.control.MessageStore;
import org.universalim.routing.control.RoutingSettings;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The conversation between a local user and a contact (of this ISP by either address, or of another), by pages. */
@ApplicationScoped
public class MessageHistory {

    @EJB
    MessageStore store;

    @Inject
    IspSettings isp;

    @Inject
    AddressDisplay display;

    @Inject
    RoutingSettings settings;

    @Inject
    Clock clock;

    /** A page of the conversation, newest first, before {@code before} (now when null). */
    public List<HistoryItem> page(String userName, String contactText, Instant before, int limit) {
        UserId contact;
        try {
            contact = UserId.parse(contactText);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("contact", e.getMessage());
        }
        UserId myKey = isp.localAddress(userName);
        String contactKey = display.key(contact).toString();
        int max = Math.max(1, Math.min(limit <= 0 ? 50 : limit, settings.historyPageMax()));
        List<HistoryItem> page = new ArrayList<>();
        for (ImMessage m : store.conversation(ImMessage.conversationOf(myKey.toString(), contactKey),
                before == null ? clock.instant().plusSeconds(1) : before, max)) {
            boolean outgoing = myKey.equals(m.sender());
            page.add(new HistoryItem(m.id(), m.sender().toString(), m.recipient().toString(), outgoing, m.application(), m.securityLevel(),
                    m.body(), m.sentAt(), m.status().name().toLowerCase(), m.format()));
        }
        return page;
    }
}
