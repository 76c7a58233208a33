package org.universalim.federation.boundary;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.ForeignXml;
import org.universalim.federation.control.MessageExtensionsXml;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.AvailabilityQuery;
import org.universalim.federation.wire.AvailabilityResponse;
import org.universalim.federation.wire.ConnectionRequestMessage;
import org.universalim.federation.wire.ConnectionResponse;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.ReceiptBatch;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityView;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.entity.DeviceState;
import org.universalim.address.UniversalMarker;
import org.universalim.address.UserId;
import org.universalim.routing.boundary.ConnectionAnswer;
import org.universalim.routing.boundary.FederationPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Universal IM server's side of FIG. 6 step 620 for the routing core: messages and receipts for users
 * of other ISPs go to the durable outbox of the user's ISP, and what needs an answer at once (connection
 * requests, availability) straight to the peer. Presence authorization is the roster's half, {@link SubscriptionGateway}.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
public class FederationGateway implements FederationPort {

    @EJB
    PeerDirectory peers;

    @EJB
    FederationOutbox outbox;

    @Inject
    OutgoingMessages outgoing;

    @EJB
    ForeignUsers foreign;

    @Inject
    FederationClient client;

    @Inject
    IspSettings isp;

    @Inject
    PeerCapabilities capabilities;

    @Inject
    java.util.logging.Logger log;

    @Override
    public boolean takesExtensions(UserId to) {
        Optional<Peer> peer = peers.forAddress(to);
        // an XMPP server takes a message's extension elements as they are (s2s)
        return peer.isPresent() && (peer.get().isXmppServer() || capabilities.lists(peer.get(), PeerCapabilities.MESSAGE_EXTENSIONS));
    }

    @Override
    public Outcome deliver(OutgoingMessage message) {
        Optional<Peer> peer = peers.forAddress(message.to());
        if (peer.isEmpty()) {
            return noPeer(message.to());
        }
        Outcome universal = checkUniversal(peer.get(), message.to(), message.from());
        if (!universal.accepted()) {
            return universal;
        }
        MessageBatch.Message m = new MessageBatch.Message();
        m.id = message.messageId();
        m.from = message.from().toString();
        m.to = message.to().toString();
        m.application = message.application();
        m.securityLevel = message.securityLevel();
        m.sentAt = message.sentAt();
        m.body = message.body().isEmpty() ? null : message.body();
        m.fromResource = message.fromDevice();
        m.stanzaId = message.stanzaId();
        if (peer.get().isXmppServer()) {
            m.toResource = message.toResource(); // an error message to a full JID (RFC 6121 8.5.3); peer ISPs use their rules
        }
        if (message.extensions() != null) {
            try {
                m.extensions = MessageExtensionsXml.toWire(message.extensions());
            } catch (ForeignXml.Refused refused) {
                // checked when the message was taken: cannot happen but for a change of bounds meanwhile
                log.warning(() -> "federation: extensions of message " + message.messageId() + " not sent: " + refused.getMessage());
                if (m.body == null) {
                    return Outcome.refused("invalid", "the message's extensions cannot be sent");
                }
            }
        }
        // written to the peer's outbox with the others of the caller's transaction (queued())
        outgoing.add(peer.get().domain(), m, message.fromUser());
        return Outcome.ok();
    }

    @Override
    public void queued() {
        outgoing.queue();
    }

    @Override
    public CompletionStage<ConnectionAnswer> connect(String requesterUser, UserId requester, UserId contact) {
        Optional<Peer> peer = peers.forAddress(contact).filter(p -> !p.isXmppServer());
        if (peer.isEmpty()) {
            return failed(contact, "remote_unreachable", noPeer(contact).reason());
        }
        Outcome universal = checkUniversal(peer.get(), contact, requester);
        if (!universal.accepted()) {
            return failed(contact, universal.code(), universal.reason());
        }
        ConnectionRequestMessage request = new ConnectionRequestMessage();
        request.transactionId = FederationOutbox.newTransactionId();
        request.requester = requester.toString();
        request.contact = contact.toString();
        try {
            ConnectionResponse answer = client.call(peer.get(), Operation.CONNECT, request, ConnectionResponse.class);
            return CompletableFuture.completedFuture(answer(answer));
        } catch (PeerFailure e) {
            return failed(contact, e.permanent() ? e.code() : "remote_unreachable", e.getMessage());
        }
    }

    @Override
    public Optional<AvailabilityView> availability(String requesterUser, UserId requester, UserId contact) {
        Optional<Peer> peer = peers.forAddress(contact).filter(p -> !p.isXmppServer());
        if (peer.isEmpty()) {
            return Optional.empty();
        }
        AvailabilityQuery query = new AvailabilityQuery();
        query.transactionId = FederationOutbox.newTransactionId();
        query.requester = requester.toString();
        query.contact = contact.toString();
        try {
            AvailabilityResponse answer = client.call(peer.get(), Operation.AVAILABILITY, query, AvailabilityResponse.class);
            if (!"ok".equals(answer.status) || answer.availability == null) {
                return Optional.empty();
            }
            DeviceState aggregate = foreign.presence(contact).map(UserPresence::aggregate).orElse(DeviceState.OFFLINE);
            return Optional.of(WireMapping.fromWire(answer.availability, aggregate));
        } catch (PeerFailure e) {
            return Optional.empty();
        }
    }

    /** Receipts a few to a request (as many as fit an outbox item), one request per peer and chunk, in order. */
    static final int RECEIPTS_PER_ITEM = 50;
    /** Well below an outbox item's payload limit (OutboxItem.MAX_PAYLOAD). */
    static final int RECEIPT_CHARS_PER_ITEM = 20_000;

    @Override
    public void receipts(List<Receipt> receipts) {
        Map<String, List<ReceiptBatch.Receipt>> byPeer = new LinkedHashMap<>();
        for (Receipt receipt : receipts) {
            // XMPP servers reached over s2s get no receipts of ours
            Optional<Peer> peer = peers.forAddress(receipt.sender()).filter(p -> !p.isXmppServer());
            if (peer.isEmpty()) {
                continue;
            }
            ReceiptBatch.Receipt r = new ReceiptBatch.Receipt();
            r.messageId = receipt.messageId();
            r.sender = receipt.sender().toString();
            r.recipient = receipt.recipient();
            r.status = receipt.status().wire();
            r.device = receipt.device();
            String reason = receipt.reason();
            r.reason = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
            byPeer.computeIfAbsent(peer.get().domain(), p -> new ArrayList<>()).add(r);
        }
        byPeer.forEach((peer, all) -> {
            ReceiptBatch batch = new ReceiptBatch();
            int chars = 0;
            for (ReceiptBatch.Receipt r : all) {
                int size = 150 + r.messageId.length() + r.sender.length() + r.recipient.length()
                        + (r.device == null ? 0 : r.device.length()) + (r.reason == null ? 0 : r.reason.length());
                if (!batch.receipts.isEmpty() && (batch.receipts.size() >= RECEIPTS_PER_ITEM || chars + size > RECEIPT_CHARS_PER_ITEM)) {
                    outbox.enqueue(peer, Operation.RECEIPTS, batch, batch.receipts.get(0).messageId, null);
                    batch = new ReceiptBatch();
                    chars = 0;
                }
                batch.receipts.add(r);
                chars += size;
            }
            outbox.enqueue(peer, Operation.RECEIPTS, batch, batch.receipts.get(0).messageId, null);
        });
    }

    /** Only universal users of other ISPs can be reached, and only by universal users (R2, R9). */
    Outcome checkUniversal(Peer peer, UserId contact, UserId localAddress) {
        return checkUniversal(peer, contact, localAddress, isp.marker());
    }

    static Outcome checkUniversal(Peer peer, UserId contact, UserId localAddress, UniversalMarker marker) {
        if (!peer.universalDomain().equals(contact.domain())) {
            return Outcome.refused("not_universal", contact + " is not a universal user of " + peer.domain()
                    + ": users of other ISPs can only reach its universal users");
        }
        if (localAddress == null || !localAddress.isUniversal(marker)) {
            return Outcome.refused("not_universal", "only universal users can reach users of other ISPs: upgrade first");
        }
        return Outcome.ok();
    }

    static Outcome noPeer(UserId contact) {
        return Outcome.refused("remote_unreachable", "the ISP of " + contact + " is not a peer of this ISP");
    }

    private static CompletionStage<ConnectionAnswer> failed(UserId contact, String code, String reason) {
        return CompletableFuture.completedFuture(ConnectionAnswer.failed(contact.toString(), code, reason));
    }

    static ConnectionAnswer answer(ConnectionResponse r) {
        ConnectionAnswer.Route route = r.route == null ? null : new ConnectionAnswer.Route(r.route.isp, r.route.node, r.route.device);
        UserPresence presence = r.presence == null ? null : WireMapping.fromWire(r.presence);
        return switch (r.status) {
            case ConnectionAnswer.ESTABLISHED -> ConnectionAnswer.established(r.contact, route, presence);
            case ConnectionAnswer.NOT_AVAILABLE -> ConnectionAnswer.notAvailable(r.contact, route, presence, r.reason,
                    r.explanation, r.availability == null ? null : WireMapping.fromWire(r.availability,
                            presence == null ? DeviceState.OFFLINE : presence.aggregate()));
            default -> ConnectionAnswer.failed(r.contact, r.code == null ? "failed" : r.code, r.explanation);
        };
    }
}
