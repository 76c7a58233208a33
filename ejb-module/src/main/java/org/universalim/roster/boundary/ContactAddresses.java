package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.address.InvalidAddressException;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;

import java.util.Optional;

/**
 * How contacts are keyed and shown: a user of this ISP is keyed by their local address whichever of their
 * two addresses was given, and shown by their universal address when they are universal; users of other
 * ISPs are keyed and shown as given.
 */
@Stateless
public class ContactAddresses {

    @EJB
    LocalRegistrar registrar;

    @Inject
    IspSettings isp;

    /** Parses an address typed by a user; a bad one is a refused field. */
    public UserId parse(String field, String text) {
        try {
            return UserId.parse(text);
        } catch (InvalidAddressException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    /** The key of a contact: the local address for this ISP's users. */
    public UserId key(UserId contact) {
        return isp.isLocal(contact) ? contact.toLocal(isp.marker()) : contact;
    }

    /** The local subscriber an address names, if it is one of ours (and the universal form is real). */
    public Optional<Subscriber> localUser(UserId address) {
        if (!isp.isLocal(address)) {
            return Optional.empty();
        }
        return registrar.find(address.localPart())
                .filter(s -> !address.isUniversal(isp.marker()) || s.isUniversal());
    }

    /** The address to show for a contact key. */
    public String display(UserId key) {
        if (!isp.isLocal(key)) {
            return key.toString();
        }
        return registrar.find(key.localPart()).map(s -> isp.shownAddress(s.userName(), s.isUniversal()).toString())
                .orElse(key.toString());
    }

    /** Whether an address is (or, for a user of ours, belongs to) a universal user. */
    public boolean isUniversal(UserId key) {
        if (!isp.isLocal(key)) {
            return key.isUniversal(isp.marker());
        }
        return registrar.find(key.localPart()).map(Subscriber::isUniversal).orElse(false);
    }

    /** The address under which a local user appears to others: universal when universal. */
    public String addressOf(String userName) {
        return registrar.find(userName).map(s -> isp.shownAddress(s.userName(), s.isUniversal()))
                .orElse(isp.localAddress(userName)).toString();
    }
}
