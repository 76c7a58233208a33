package org.universalim.roster.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.address.InvalidAddressException;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;

import java.util.Optional;

/**
 * Contacts' addresses for the roster: an address typed by a user parsed once (a bad one is a refused field), and
 * keyed and shown as {@link AddressDisplay} decides (a user of this ISP keyed by their local address, shown by their
 * universal address when universal; users of other ISPs keyed and shown as given).
 */
@Stateless
public class ContactAddresses {

    @EJB
    LocalRegistrar registrar;

    @Inject
    IspSettings isp;

    @Inject
    AddressDisplay display;

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
        return display.key(contact);
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
        return display.shown(key);
    }

    /** Whether an address is (or, for a user of ours, belongs to) a universal user. */
    public boolean isUniversal(UserId key) {
        return display.isUniversal(key);
    }

    /** The address under which a local user appears to others: universal when universal. */
    public String addressOf(String userName) {
        return shownUser(userName).toString();
    }

    /** {@link #addressOf} as an address. */
    public UserId shownUser(String userName) {
        return display.shownUser(userName);
    }

    /** The address a contact key is shown by. */
    public UserId shownAddress(UserId key) {
        return display.shownAddress(key);
    }
}
