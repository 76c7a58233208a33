package org.universalim.registration.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.platform.IspSettings;
import org.universalim.registration.entity.Subscriber;

import java.util.Optional;
import java.util.function.Function;

/**
 * How this ISP keys and shows an address, the one class that decides it (R2): a user of this ISP is kept under their
 * local address whichever of their two addresses was given, and shown by their universal address when they are
 * universal, else by their local one; a user of another ISP is kept and shown as given. Which domain is the universal
 * one is the {@link org.universalim.address.UniversalMarker}'s to say.
 */
@ApplicationScoped
public class AddressDisplay {

    @Inject
    KnownSubscribers known;

    @Inject
    IspSettings isp;

    /** Who a local user name is, if anybody (the known subscribers; a function in tests). */
    private Function<String, Optional<KnownSubscribers.Facts>> subscribers;

    protected AddressDisplay() {
        // for CDI
    }

    /** For tests: the ISP's settings and its subscribers by name. */
    public AddressDisplay(IspSettings isp, Function<String, Optional<Subscriber>> subscribers) {
        this.isp = isp;
        this.subscribers = name -> subscribers.apply(name).map(s -> new KnownSubscribers.Facts(s.userName(), s.isUniversal(), !s.isDisabled()));
    }

    private Optional<KnownSubscribers.Facts> subscriber(String userName) {
        return subscribers != null ? subscribers.apply(userName) : known.find(userName);
    }

    /** The key an address is kept under: the local address for this ISP's users, else the address as given. */
    public UserId key(UserId address) {
        return isp.isLocal(address) ? address.toLocal(isp.marker()) : address;
    }

    /** How a user of this ISP is shown to others: by the universal address when universal (R2), else the local one. */
    public UserId shown(String userName, boolean universal) {
        return universal ? isp.universalAddress(userName) : isp.localAddress(userName);
    }

    /** How a subscriber of this ISP is shown to others. */
    public UserId shown(Subscriber s) {
        return shown(s.userName(), s.isUniversal());
    }

    /** How the local user of this name is shown to others (by the local address when there is no such user). */
    public UserId shownUser(String userName) {
        return subscriber(userName).map(f -> shown(f.userName(), f.universal())).orElse(isp.localAddress(userName));
    }

    /** How an address (or a key) is shown: a user of ours by their shown address, any other as given. */
    public UserId shownAddress(UserId address) {
        if (!isp.isLocal(address)) {
            return address;
        }
        return subscriber(address.localPart()).map(f -> shown(f.userName(), f.universal())).orElse(address);
    }

    /** {@link #shownAddress} as text. */
    public String shown(UserId address) {
        return shownAddress(address).toString();
    }

    /** Whether an address is universal, or, for a user of ours, belongs to a universal user. */
    public boolean isUniversal(UserId address) {
        if (!isp.isLocal(address)) {
            return address.isUniversal(isp.marker());
        }
        return subscriber(address.localPart()).map(KnownSubscribers.Facts::universal).orElse(false);
    }
}
