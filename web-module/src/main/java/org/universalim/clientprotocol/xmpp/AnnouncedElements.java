package org.universalim.clientprotocol.xmpp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;
import org.universalim.routing.boundary.SessionRegistry;

/**
 * What a resource of this ISP's universal domain connected to this node announced with its presence
 * ({@link Announced#elements()}: its entity capabilities and the like), to show with its presence to others.
 * Resources on another node of the ISP and users of other ISPs are shown without.
 */
@ApplicationScoped
public class AnnouncedElements {

    @Inject
    IspSettings isp;

    @Inject
    SessionRegistry sessions;

    /** The elements of the resource with this full JID, as XML ("" for none). */
    public String of(String fullJid) {
        Jid jid;
        try {
            jid = Jid.parse(fullJid);
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (jid.isBare() || jid.isDomain() || !jid.domain().equals(isp.universalDomain())) {
            return "";
        }
        return sessions.session(jid.local(), jid.resource()).filter(XmppSession.class::isInstance)
                .map(s -> ((XmppSession) s).presence().announced().elements()).orElse("");
    }
}
