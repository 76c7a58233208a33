package org.universalim.clientprotocol.xmpp.profile;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.IspSettings;
import org.universalim.profile.boundary.Requester;
import org.universalim.roster.boundary.ContactAddresses;

/** Whose profile an IQ is about: the user's own, another user's of this ISP, a user's of another ISP, or the server's. */
@ApplicationScoped
public class Owners {

    @EJB
    ContactAddresses addresses;

    @Inject
    IspSettings isp;

    /** Whose profile, and who asks. */
    public record Target(Kind kind, String localUser, UserId address, Requester requester) {

        public boolean own() {
            return kind == Kind.SELF;
        }
    }

    public enum Kind { SELF, LOCAL, FOREIGN, SERVER, NOBODY }

    public Target of(IqRequest request) {
        String user = request.user();
        Requester requester = Requester.local(user, isp.localAddress(user));
        Jid to = request.to();
        if (to == null || !to.isDomain() && to.bare().equals(request.session().jid().bare())) {
            return new Target(Kind.SELF, user, isp.localAddress(user), requester);
        }
        if (to.isDomain()) {
            return new Target(Kind.SERVER, null, null, requester);
        }
        UserId address = to.userId();
        if (!isp.isLocal(address)) {
            return new Target(Kind.FOREIGN, null, address, requester);
        }
        return addresses.localUser(address).map(s -> s.userName().equals(user)
                        ? new Target(Kind.SELF, user, isp.localAddress(user), requester)
                        : new Target(Kind.LOCAL, s.userName(), address, requester))
                .orElseGet(() -> new Target(Kind.NOBODY, null, address, requester));
    }

    /** The address under which a user of this ISP is shown (universal for universal users). */
    public String shown(String user) {
        return addresses.addressOf(user);
    }
}
