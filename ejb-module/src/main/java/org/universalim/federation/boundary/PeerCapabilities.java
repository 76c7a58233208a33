package org.universalim.federation.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.CapabilityInfo;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;
import org.universalim.platform.cache.Caches;
import org.universalim.platform.cache.NamedCache;

import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Which optional operations of the contract a peer offers (docs/federation.md, Capabilities), as it answers a
 * {@code statusRequest} with {@code capabilities="true"}: a server of the first version refuses that question (or
 * lists nothing), so it offers none and is never asked one. Kept in memory ({@value #CACHE}) for
 * {@code federation.capabilities.seconds}; a peer that did not answer is asked again after {@value #UNREACHED_SECONDS} s.
 */
@ApplicationScoped
public class PeerCapabilities {

    static final String CACHE = "peer-capabilities";
    static final String UNREACHED_CACHE = "peer-capabilities-unreached";
    static final long UNREACHED_SECONDS = 30;

    @Inject
    FederationClient client;

    @Inject
    FederationSettings settings;

    @Inject
    Caches caches;

    @Inject
    Logger log;

    private NamedCache<String, Set<String>> known;
    private NamedCache<String, Boolean> unreached;

    @PostConstruct
    void create() {
        known = caches.create(CACHE, 10_000, settings.capabilitiesTtl());
        unreached = caches.create(UNREACHED_CACHE, 10_000, Duration.ofSeconds(UNREACHED_SECONDS));
    }

    /** Whether the peer offers the operation (every operation of the first version it does). */
    public boolean offers(Peer peer, Operation op) {
        if (!op.optional()) {
            return true;
        }
        if (unreached.get(peer.domain(), d -> null) != null) {
            return false;
        }
        Set<String> offered = known.get(peer.domain(), d -> ask(peer));
        return offered != null && offered.contains(op.path());
    }

    /**
     * Whether the peer is known not to offer the operation: it answered the question without listing it (or refused
     * the question, as a server of the first version does). A peer that cannot be asked now is not known to lack it.
     */
    public boolean lacks(Peer peer, Operation op) {
        if (!op.optional() || unreached.get(peer.domain(), d -> null) != null) {
            return false;
        }
        Set<String> offered = known.get(peer.domain(), d -> ask(peer));
        return offered != null && !offered.contains(op.path());
    }

    /**
     * Whether the peer lists a capability that is no operation (e.g. {@value #MESSAGE_EXTENSIONS}); asks it when not
     * known.
     */
    public boolean lists(Peer peer, String capability) {
        if (unreached.get(peer.domain(), d -> null) != null) {
            return false;
        }
        Set<String> offered = known.get(peer.domain(), d -> ask(peer));
        return offered != null && offered.contains(capability);
    }

    /**
     * The capability of taking a message item's extension elements, the client's stanza id and the sending device
     * (docs/federation.md, messages).
     */
    public static final String MESSAGE_EXTENSIONS = "message-extensions";

    /** The peer refused an operation it had listed (it changed): ask it again next time. */
    public void forget(Peer peer) {
        known.forget(peer.domain());
    }

    private Set<String> ask(Peer peer) {
        StatusRequest question = new StatusRequest();
        question.transactionId = FederationOutbox.newTransactionId();
        question.capabilities = true;
        try {
            StatusResponse answer = client.call(peer, Operation.STATUS, question, StatusResponse.class);
            Set<String> offered = answer.capabilities.stream().map(c -> c.name).collect(Collectors.toUnmodifiableSet());
            log.fine(() -> "federation: " + peer.domain() + " offers " + (offered.isEmpty() ? "no optional operation" : offered));
            return offered;
        } catch (PeerFailure f) {
            if (f.permanent()) {
                // a server of the first version: the question is not valid there
                log.fine(() -> "federation: " + peer.domain() + " lists no capabilities (" + f.getMessage() + ")");
                return Set.of();
            }
            unreached.get(peer.domain(), d -> Boolean.TRUE);
            log.fine(() -> "federation: capabilities of " + peer.domain() + " unknown for now: " + f.getMessage());
            return null;
        }
    }

    /** The capabilities this server lists when asked: the path of each optional operation. */
    public static java.util.List<CapabilityInfo> ours() {
        java.util.List<CapabilityInfo> ours = new java.util.ArrayList<>(java.util.Arrays.stream(Operation.values())
                .filter(Operation::optional).map(op -> new CapabilityInfo(op.path())).toList());
        ours.add(new CapabilityInfo(MESSAGE_EXTENSIONS));
        return ours;
    }
}
