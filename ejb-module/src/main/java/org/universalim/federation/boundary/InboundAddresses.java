package org.universalim.federation.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.InvalidAddressException;
import org.universalim.address.UserId;
import org.universalim.federation.entity.Peer;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.KnownSubscribers;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.registration.entity.Subscriber;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The addresses in a peer's request, checked before anything is done: a peer speaks only for users of its
 * own domains (anything else is refused with 403 and logged, and changes nothing), and the users of ours it
 * names are universal users (R2).
 */
@ApplicationScoped
public class InboundAddresses {

    @EJB
    LocalRegistrar registrar;

    @Inject
    KnownSubscribers known;

    @Inject
    IspSettings isp;

    @Inject
    Logger log;

    /** An address the peer speaks for: it must be in the peer's own domains. */
    public UserId own(Peer peer, String address, String role) {
        UserId id = parse(address, role);
        if (!peer.owns(id.domain())) {
            log.warning(() -> "federation: peer " + peer.domain() + " spoke for " + role + " " + id
                    + " of another domain; request refused");
            throw FederationRefusal.forbidden(peer.domain() + " may only speak for its own users, not for " + id);
        }
        return id;
    }

    /** A universal user of ours an address names (enabled). */
    public Optional<Subscriber> ours(String address) {
        UserId id = parse(address, "user");
        if (!isp.isLocal(id) || !id.isUniversal(isp.marker())) {
            return Optional.empty();
        }
        return registrar.find(id.localPart()).filter(Subscriber::isUniversal).filter(s -> !s.isDisabled());
    }

    /**
     * The user name of the universal user of ours an address names (enabled), from memory when the user had a message
     * lately ({@link KnownSubscribers}): the lookup of every message from another ISP.
     */
    public Optional<String> recipient(String address) {
        UserId id = parse(address, "user");
        if (!isp.isLocal(id) || !id.isUniversal(isp.marker())) {
            return Optional.empty();
        }
        return known.find(id.localPart()).filter(KnownSubscribers.Facts::universal).filter(KnownSubscribers.Facts::enabled)
                .map(KnownSubscribers.Facts::userName);
    }

    private static UserId parse(String address, String role) {
        try {
            return UserId.parse(address);
        } catch (InvalidAddressException e) {
            throw FederationRefusal.invalid(role + ": " + e.getMessage());
        }
    }
}
