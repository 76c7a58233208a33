package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.federation.control.WireCodec;
import org.universalim.federation.control.WireMapping;
import org.universalim.federation.entity.InboxEntry;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.entity.RemoteWatch;
import org.universalim.federation.wire.Ack;
import org.universalim.federation.wire.AnnounceRequest;
import org.universalim.federation.wire.AvailabilityQuery;
import org.universalim.federation.wire.AvailabilityResponse;
import org.universalim.federation.wire.ConnectionRequestMessage;
import org.universalim.federation.wire.ConnectionResponse;
import org.universalim.federation.wire.MessageBatch;
import org.universalim.federation.wire.MessageBatchResponse;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.PresenceInfo;
import org.universalim.federation.wire.PresenceUpdate;
import org.universalim.federation.wire.ReceiptBatch;
import org.universalim.federation.wire.Request;
import org.universalim.federation.wire.RouteInfo;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;
import org.universalim.federation.wire.SubscriptionAnswerMessage;
import org.universalim.federation.wire.SubscriptionRequestMessage;
import org.universalim.federation.wire.TrackRequest;
import org.universalim.federation.wire.TrackResponse;
import org.universalim.federation.wire.UnsubscribeRequest;
import org.universalim.federation.wire.UntrackRequest;
import org.universalim.federation.wire.Wire;
import org.universalim.platform.IspSettings;
import org.universalim.presence.boundary.AvailabilityAlerts;
import org.universalim.presence.boundary.AvailabilityIndicator;
import org.universalim.presence.boundary.PresenceDirectory;
import org.universalim.presence.boundary.UserPresence;
import org.universalim.presence.control.Applications;
import org.universalim.presence.entity.DeviceState;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.address.InvalidAddressException;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.roster.boundary.PresenceAuthorization;
import org.universalim.roster.boundary.RosterService;
import org.universalim.routing.boundary.ArrivalOrder;
import org.universalim.routing.boundary.ConnectionAnswer;
import org.universalim.routing.boundary.ConnectionRequests;
import org.universalim.routing.boundary.ForeignMessagesArrived;
import org.universalim.routing.boundary.MessageService;
import org.universalim.routing.boundary.Receipts;
import org.universalim.routing.boundary.SessionRegistry;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Universal IM server's answers to its peers (FIG. 6 steps 620-650 seen from the recipient's ISP),
 * one boundary for both transports. Every request is checked first: a peer may only speak for its own
 * users (anything else is refused, logged and changes nothing), and a transaction id it used before gets
 * the first answer again.
 */
@Stateless
public class FederationInbound {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @EJB
    ForeignUsers foreign;

    @EJB
    RosterService roster;

    @EJB
    PresenceAuthorization authorization;

    @EJB
    PresenceDirectory directory;

    @EJB
    AvailabilityIndicator indicator;

    @EJB
    AvailabilityAlerts alerts;

    @EJB
    ConnectionRequests connections;

    @EJB
    FederationOutbox outbox;

    @EJB
    RemoteWatches watches;

    @Inject
    Instance<ArrivalOrder> arrivals;

    @Inject
    Instance<Receipts> receipts;

    @Inject
    SessionRegistry sessions;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Event<ForeignMessagesArrived> arrived;

    @Inject
    Event<ForeignPresenceChanged> presenceChanged;

    @Inject
    Logger log;

    /** Handles one request of an authenticated peer and answers with the operation's answer element. */
    public Object handle(Peer peer, Operation op, Request request) {
        boolean remembered = op != Operation.STATUS && op != Operation.CONNECT && op != Operation.AVAILABILITY;
        if (remembered) {
            Optional<InboxEntry> seen = em.createNamedQuery(InboxEntry.BY_TRANSACTION, InboxEntry.class)
                    .setParameter("peer", peer.domain()).setParameter("tx", request.transactionId).getResultStream().findFirst();
            if (seen.isPresent()) {
                try {
                    return WireCodec.read(seen.get().response(), op.response());
                } catch (WireCodec.Refused e) {
                    throw new IllegalStateException("a stored answer does not read back", e);
                }
            }
        }
        Object answer = switch (op) {
            case ANNOUNCE -> announce(peer, (AnnounceRequest) request);
            case TRACK -> track(peer, (TrackRequest) request);
            case UNTRACK -> untrack(peer, (UntrackRequest) request);
            case PRESENCE -> presence(peer, (PresenceUpdate) request);
            case SUBSCRIPTION_REQUEST -> subscriptionRequest(peer, (SubscriptionRequestMessage) request);
            case SUBSCRIPTION_ANSWER -> subscriptionAnswer(peer, (SubscriptionAnswerMessage) request);
            case UNSUBSCRIBE -> unsubscribe(peer, (UnsubscribeRequest) request);
            case CONNECT -> connect(peer, (ConnectionRequestMessage) request);
            case MESSAGES -> messages(peer, (MessageBatch) request);
            case RECEIPTS -> receipts(peer, (ReceiptBatch) request);
            case AVAILABILITY -> availability(peer, (AvailabilityQuery) request);
            case STATUS -> status(peer, (StatusRequest) request);
        };
        if (remembered) {
            em.persist(new InboxEntry(peer.domain(), request.transactionId, op.path(), WireCodec.write(answer), clock.instant()));
        }
        return answer;
    }

    private Ack announce(Peer peer, AnnounceRequest r) {
        List<UserId> users = new ArrayList<>();
        for (AnnounceRequest.User u : r.users) {
            users.add(own(peer, u.address, "announced user"));
        }
        for (int i = 0; i < users.size(); i++) {
            foreign.announced(peer, users.get(i), r.users.get(i).screenName);
        }
        return new Ack(r.transactionId, users.size());
    }

    private TrackResponse track(Peer peer, TrackRequest r) {
        UserId watcher = own(peer, r.watcher, "watcher");
        TrackResponse answer = new TrackResponse();
        answer.transactionId = r.transactionId;
        Optional<Subscriber> user = ours(r.user);
        answer.known = user.isPresent();
        if (user.isEmpty()) {
            return answer;
        }
        String name = user.get().userName();
        try {
            watches.watch(name, watcher.toString(), peer.domain());
        } catch (RemoteWatches.AlreadyWatching e) {
            // recorded by a concurrent request
        }
        answer.screenName = user.get().screenName();
        answer.route = route(name);
        answer.authorized = authorization.letsSee(name, watcher.toString());
        if (answer.authorized) {
            answer.presence = WireMapping.toWire(directory.presence(name));
        }
        return answer;
    }

    private Ack untrack(Peer peer, UntrackRequest r) {
        UserId watcher = own(peer, r.watcher, "watcher");
        Optional<Subscriber> user = ours(r.user);
        user.ifPresent(s -> em.createNamedQuery(RemoteWatch.BY_WATCHER, RemoteWatch.class).setParameter("user", s.userName())
                .setParameter("watcher", watcher.toString()).getResultStream().forEach(em::remove));
        return new Ack(r.transactionId, user.isPresent() ? 1 : 0);
    }

    private Ack presence(Peer peer, PresenceUpdate r) {
        for (PresenceInfo p : r.presences) {
            own(peer, p.user, "presence of");
        }
        int accepted = 0;
        for (PresenceInfo p : r.presences) {
            Optional<UserPresence> shown = foreign.presenceUpdated(peer, p);
            if (shown.isPresent()) {
                accepted++;
                presenceChanged.fire(new ForeignPresenceChanged(p.user, shown.get()));
                if (p.available) {
                    String device = p.devices.stream().filter(d -> DeviceState.READY.name().equals(d.state))
                            .map(d -> d.name).findFirst().orElse(null);
                    alerts.foreignAvailable(p.user, device);
                }
            }
        }
        return new Ack(r.transactionId, accepted);
    }

    private Ack subscriptionRequest(Peer peer, SubscriptionRequestMessage r) {
        UserId requester = own(peer, r.requester, "requester");
        Optional<Subscriber> contact = ours(r.contact);
        if (contact.isEmpty()) {
            answerBack(peer, r.contact, requester, false);
            return new Ack(r.transactionId, 0);
        }
        boolean approved = roster.foreignSubscriptionRequest(contact.get().userName(), requester, r.message);
        if (approved) {
            answerBack(peer, r.contact, requester, true);
            outbox.enqueuePresence(peer.domain(), WireMapping.toWire(directory.presence(contact.get().userName())));
        }
        return new Ack(r.transactionId, 1);
    }

    private Ack subscriptionAnswer(Peer peer, SubscriptionAnswerMessage r) {
        UserId contact = own(peer, r.contact, "contact");
        Optional<Subscriber> requester = ours(r.requester);
        requester.ifPresent(s -> roster.foreignSubscriptionAnswer(s.userName(), contact, r.approved));
        return new Ack(r.transactionId, requester.isPresent() ? 1 : 0);
    }

    private Ack unsubscribe(Peer peer, UnsubscribeRequest r) {
        UserId requester = own(peer, r.requester, "requester");
        Optional<Subscriber> contact = ours(r.contact);
        contact.ifPresent(s -> roster.foreignUnsubscribe(s.userName(), requester));
        return new Ack(r.transactionId, contact.isPresent() ? 1 : 0);
    }

    private ConnectionResponse connect(Peer peer, ConnectionRequestMessage r) {
        UserId requester = own(peer, r.requester, "requester");
        ConnectionResponse answer = new ConnectionResponse();
        answer.transactionId = r.transactionId;
        answer.contact = r.contact;
        Optional<Subscriber> contact = ours(r.contact);
        if (contact.isEmpty()) {
            answer.status = ConnectionAnswer.FAILED;
            answer.code = "unknown_recipient";
            answer.explanation = "there is no universal user " + r.contact;
            return answer;
        }
        if (!authorization.letsSee(contact.get().userName(), requester.toString())) {
            answer.status = ConnectionAnswer.FAILED;
            answer.code = "not_authorized";
            answer.explanation = r.contact + " has not let you see their presence: ask for it first";
            return answer;
        }
        ConnectionAnswer local = connections.describe(contact.get().userName());
        answer.status = local.status();
        answer.reason = local.reason();
        answer.explanation = local.explanation() == null || local.explanation().length() <= 500 ? local.explanation()
                : local.explanation().substring(0, 500);
        if (local.route() != null) {
            answer.route = new RouteInfo();
            answer.route.isp = isp.ispDomain();
            answer.route.node = local.route().node();
            answer.route.device = local.route().device();
        }
        if (local.presence() != null) {
            answer.presence = WireMapping.toWire(local.presence());
        }
        if (local.availability() != null) {
            answer.availability = WireMapping.toWire(local.availability());
        }
        return answer;
    }

    private MessageBatchResponse messages(Peer peer, MessageBatch r) {
        for (MessageBatch.Message m : r.messages) {
            own(peer, m.from, "sender");
        }
        MessageBatchResponse answer = new MessageBatchResponse();
        answer.transactionId = r.transactionId;
        List<ImMessage> accepted = new ArrayList<>();
        ArrivalOrder order = arrivals.get();
        for (MessageBatch.Message m : r.messages) {
            if (em.find(ImMessage.class, m.id) != null || accepted.stream().anyMatch(a -> a.id().equals(m.id))) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "duplicate", null, null));
                continue;
            }
            Optional<Subscriber> recipient = ours(m.to);
            if (recipient.isEmpty()) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "unknown_recipient",
                        "there is no universal user " + m.to));
                continue;
            }
            String application;
            try {
                application = Applications.normalize(m.application);
            } catch (IllegalArgumentException e) {
                answer.results.add(new MessageBatchResponse.Result(m.id, "rejected", "invalid", e.getMessage()));
                continue;
            }
            String user = recipient.get().userName();
            ImMessage message = new ImMessage(m.id, order.next(), m.from, null, isp.localAddress(user).toString(),
                    user, application, m.securityLevel, m.body, MessageService.XML, m.sentAt).acceptedBy(isp.nodeName());
            em.persist(message);
            accepted.add(message);
            answer.results.add(new MessageBatchResponse.Result(m.id, "accepted", null, null));
        }
        if (!accepted.isEmpty()) {
            arrived.fire(new ForeignMessagesArrived(accepted));
        }
        return answer;
    }

    private Ack receipts(Peer peer, ReceiptBatch r) {
        for (ReceiptBatch.Receipt receipt : r.receipts) {
            own(peer, receipt.recipient, "recipient");
        }
        int applied = 0;
        for (ReceiptBatch.Receipt receipt : r.receipts) {
            ImMessage m = em.find(ImMessage.class, receipt.messageId);
            if (m == null || m.senderUser() == null || !m.recipient().equals(receipt.recipient)) {
                continue;
            }
            receipts.get().foreignReceipt(m.id(), m.senderUser(), receipt.recipient, receipt.status, receipt.device, receipt.reason);
            applied++;
        }
        return new Ack(r.transactionId, applied);
    }

    private AvailabilityResponse availability(Peer peer, AvailabilityQuery r) {
        UserId requester = own(peer, r.requester, "requester");
        AvailabilityResponse answer = new AvailabilityResponse();
        answer.transactionId = r.transactionId;
        Optional<Subscriber> contact = ours(r.contact);
        if (contact.isEmpty()) {
            answer.status = "unknown";
        } else if (!authorization.letsSee(contact.get().userName(), requester.toString())) {
            answer.status = "not_authorized";
        } else {
            answer.status = "ok";
            answer.availability = WireMapping.toWire(indicator.availability(contact.get().userName()));
        }
        return answer;
    }

    private StatusResponse status(Peer peer, StatusRequest r) {
        StatusResponse answer = new StatusResponse();
        answer.domain = isp.ispDomain();
        answer.universalDomain = isp.universalDomain();
        answer.node = isp.nodeName();
        answer.version = Wire.VERSION;
        answer.time = clock.instant();
        answer.peer = peer.domain();
        return answer;
    }

    // --- checks

    /** An address the peer speaks for: it must be in the peer's own domains. */
    private UserId own(Peer peer, String address, String role) {
        UserId id = parse(address, role);
        if (!peer.owns(id.domain())) {
            log.warning(() -> "federation: peer " + peer.domain() + " spoke for " + role + " " + id
                    + " of another domain; request refused");
            throw FederationRefusal.forbidden(peer.domain() + " may only speak for its own users, not for " + id);
        }
        return id;
    }

    /** A universal user of ours an address names. */
    private Optional<Subscriber> ours(String address) {
        UserId id = parse(address, "user");
        if (!isp.isLocal(id) || !id.isUniversal(isp.marker())) {
            return Optional.empty();
        }
        return registrar.find(id.localPart()).filter(Subscriber::isUniversal).filter(s -> !s.isDisabled());
    }

    private static UserId parse(String address, String role) {
        try {
            return UserId.parse(address);
        } catch (InvalidAddressException e) {
            throw FederationRefusal.invalid(role + ": " + e.getMessage());
        }
    }

    private RouteInfo route(String userName) {
        RouteInfo route = new RouteInfo();
        route.isp = isp.ispDomain();
        route.node = sessions.isConnected(userName) ? isp.nodeName() : null;
        return route;
    }

    private void answerBack(Peer peer, String contact, UserId requester, boolean approved) {
        SubscriptionAnswerMessage answer = new SubscriptionAnswerMessage();
        answer.contact = contact;
        answer.requester = requester.toString();
        answer.approved = approved;
        outbox.enqueue(peer.domain(), Operation.SUBSCRIPTION_ANSWER, answer, requester.toString(), null);
    }
}
