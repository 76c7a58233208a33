package org.universalim.routing.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.routing.control.MessageExtensions;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies of a user's messages for the user's other devices (XEP-0280 message carbons; the Local protocol's
 * {@code message.copy}): a message the user sent, once it is durable, to every device but the one it was sent from;
 * a message the user received, once a device took it (the presence logic rules chose that device, R4), to every
 * device but that one. Body-less and extended messages (chat states, receipts, markers, corrections, reactions...)
 * are copied too, with their extension elements and the sending client's own id (XEP-0280 section 6). The copies only
 * show; they are not deliveries (no acknowledgement, no receipt, no failover). A message its sender marked private ({@code <private/>}, {@code <no-copy/>}) is copied on neither side.
 */
@ApplicationScoped
public class MessageCopies {

    @Inject
    ClientNotifier notifier;

    @Inject
    ShownAddresses shown;

    @Inject
    AddressDisplay display;

    @Inject
    IspSettings isp;

    @Inject
    Caches caches;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /** Messages not to be copied, by id, for as long as they can still be waiting for their first device. */
    private NamedCache<String, Boolean> uncopied;

    @PostConstruct
    void init() {
        uncopied = caches.create("message-no-copy", 100_000, Duration.ofHours(1));
    }

    /**
     * A message the user sent from {@code device} was taken (stored and handed on): copied to the user's other
     * devices, unless {@code copy} is false (and then not to the recipient's other devices either).
     */
    public void sent(String senderUser, String device, SendRequest request, SendResult result, boolean copy) {
        if (result == null || !result.ok() || MessageExtensions.isError(request.extensions())) {
            return;
        }
        if (!copy) {
            uncopied.get(result.messageId(), id -> Boolean.TRUE);
            return;
        }
        try {
            String from = display.shownUser(senderUser).toString();
            String to = request.to().strip();
            if (to.equals(from) || to.equals(isp.localAddress(senderUser).toString())) {
                return; // a note to oneself is delivered to one of one's devices already
            }
            notifier.push(senderUser, new Delivery.Copy(Delivery.Copy.SENT, result.messageId(), from, to, device,
                    request.application() == null ? "text" : request.application(), request.securityLevel(), request.body(),
                    clock.instant(), request.extensions(), request.stanzaId(), device));
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "no copies of sent message " + result.messageId(), e);
        }
    }

    /** A device of the recipient took a message: copied to the recipient's other devices. */
    public void received(ImMessage m, String device) {
        if (m.recipientUser() == null || uncopied.get(m.id(), id -> null) != null
                || m.recipientUser().equals(m.senderUser()) || MessageExtensions.isError(m.extensions())) {
            return;
        }
        try {
            notifier.push(m.recipientUser(), new Delivery.Copy(Delivery.Copy.RECEIVED, m.id(), shown.sender(m), shown.recipient(m),
                    device, m.application(), m.securityLevel(), m.body(), m.sentAt(), m.extensions(), m.stanzaId(), m.senderDevice()));
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "no copies of received message " + m.id(), e);
        }
    }
}
