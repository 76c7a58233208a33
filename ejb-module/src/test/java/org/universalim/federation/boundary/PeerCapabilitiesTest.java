package org.universalim.federation.boundary;

import org.junit.jupiter.api.Test;
import org.universalim.federation.control.FederationClient;
import org.universalim.federation.control.FederationSettings;
import org.universalim.federation.control.PeerFailure;
import org.universalim.federation.entity.Peer;
import org.universalim.federation.wire.CapabilityInfo;
import org.universalim.federation.wire.Operation;
import org.universalim.federation.wire.Request;
import org.universalim.federation.wire.StatusRequest;
import org.universalim.federation.wire.StatusResponse;
import org.universalim.platform.cache.Caches;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A peer is asked an optional operation only when it lists it; a peer of the first version refuses the question. */
class PeerCapabilitiesTest {

    /** A peer answering the capability question as told, counting the questions. */
    static final class Answering extends FederationClient {
        final List<StatusRequest> asked = new ArrayList<>();
        PeerFailure refusal;
        List<String> offered = List.of();

        @Override
        public <T> T call(Peer peer, Operation op, Request request, Class<T> answerType) throws PeerFailure {
            asked.add((StatusRequest) request);
            if (refusal != null) {
                throw refusal;
            }
            StatusResponse status = new StatusResponse();
            offered.forEach(o -> status.capabilities.add(new CapabilityInfo(o)));
            return answerType.cast(status);
        }
    }

    private static PeerCapabilities over(FederationClient client) {
        PeerCapabilities capabilities = new PeerCapabilities();
        capabilities.client = client;
        capabilities.settings = new FederationSettings();
        capabilities.caches = new Caches();
        capabilities.log = Logger.getLogger("test");
        capabilities.create();
        return capabilities;
    }

    @Test
    void aPeerOfTheFirstVersionOffersNoOptionalOperationAndIsAskedOnce() {
        Answering old = new Answering();
        old.refusal = new PeerFailure(true, "invalid", "not a valid statusRequest");
        PeerCapabilities capabilities = over(old);
        Peer peer = new Peer("isp-y.example", Instant.now());

        assertThat(capabilities.offers(peer, Operation.PROFILE)).isFalse();
        assertThat(capabilities.offers(peer, Operation.PEP_EVENTS)).isFalse();
        assertThat(capabilities.offers(peer, Operation.MESSAGES)).isTrue();
        assertThat(old.asked).hasSize(1);
        assertThat(old.asked.get(0).capabilities).isTrue();
    }

    @Test
    void aPeerIsAskedWhatItListsOnly() {
        Answering current = new Answering();
        current.offered = List.of("profile");
        PeerCapabilities capabilities = over(current);
        Peer peer = new Peer("isp-b.example", Instant.now());

        assertThat(capabilities.offers(peer, Operation.PROFILE)).isTrue();
        assertThat(capabilities.offers(peer, Operation.PEP_EVENTS)).isFalse();
    }

    @Test
    void aPeerThatDoesNotAnswerOffersNothingForNowAndIsNotAskedAgainAtOnce() {
        Answering down = new Answering();
        down.refusal = new PeerFailure(false, "unreachable", "no route");
        PeerCapabilities capabilities = over(down);
        Peer peer = new Peer("isp-c.example", Instant.now());

        assertThat(capabilities.offers(peer, Operation.PROFILE)).isFalse();
        assertThat(capabilities.offers(peer, Operation.PROFILE)).isFalse();
        assertThat(down.asked).hasSize(1);
    }

    @Test
    void aPeerLacksOnlyWhatItDidNotListWhenItAnswered() {
        Answering old = new Answering();
        old.refusal = new PeerFailure(true, "invalid", "not a valid statusRequest");
        Peer oldPeer = new Peer("isp-y.example", Instant.now());
        assertThat(over(old).lacks(oldPeer, Operation.DEPART)).isTrue();
        assertThat(over(old).lacks(oldPeer, Operation.MESSAGES)).isFalse();

        Answering current = new Answering();
        current.offered = List.of("depart");
        assertThat(over(current).lacks(new Peer("isp-b.example", Instant.now()), Operation.DEPART)).isFalse();

        Answering down = new Answering();
        down.refusal = new PeerFailure(false, "unreachable", "no route");
        assertThat(over(down).lacks(new Peer("isp-c.example", Instant.now()), Operation.DEPART)).isFalse();
    }

    @Test
    void weListOurOptionalOperationsAndCapabilities() {
        assertThat(PeerCapabilities.ours()).extracting(c -> c.name).containsExactly("profile", "pep-events", "depart", "iq", "message-extensions");
    }
}
