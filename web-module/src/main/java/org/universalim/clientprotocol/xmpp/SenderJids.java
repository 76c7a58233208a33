package org.universalim.clientprotocol.xmpp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.IspSettings;
import org.universalim.routing.boundary.ClientSession;
import org.universalim.routing.boundary.SessionRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The full JID a message's sender is shown from. Messages do not record the device they were sent from,
 * so: the resource the user last sent an XMPP message from, if still connected; else one of the user's
 * connected devices; else {@value #OFFLINE_RESOURCE}. Stock clients need a full JID here, and a reply to any
 * resource is routed like one to the bare JID.
 */
@ApplicationScoped
public class SenderJids {

    /** The resource shown for a sender none of whose devices is connected. */
    public static final String OFFLINE_RESOURCE = "offline";

    @Inject
    IspSettings isp;

    @Inject
    SessionRegistry sessions;

    private final ConcurrentHashMap<String, String> lastSendingDevice = new ConcurrentHashMap<>();

    /** The user sent a message from this resource. */
    public void sentFrom(String user, String device) {
        lastSendingDevice.put(user, device);
    }

    /** The full JID to show for a message from {@code address} (a bare address; others are returned as they are). */
    public String of(String address) {
        Jid sender;
        try {
            sender = Jid.parse(address);
        } catch (IllegalArgumentException e) {
            return address;
        }
        if (!sender.isBare() || sender.isDomain()) {
            return address;
        }
        String resource = OFFLINE_RESOURCE;
        if (isp.isLocal(sender.userId())) {
            String user = sender.local();
            String last = lastSendingDevice.get(user);
            if (last != null && sessions.session(user, last).isPresent()) {
                resource = last;
            } else {
                resource = sessions.sessionsOf(user).stream().map(ClientSession::device).sorted().findFirst().orElse(OFFLINE_RESOURCE);
            }
        }
        return sender.withResource(resource).toString();
    }
}
