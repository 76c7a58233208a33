package org.universalim.clientprotocol.xmpp;

import org.universalim.platform.security.ClientOrigin;
import org.universalim.routing.boundary.ClientSession;

import java.util.concurrent.CompletionStage;

/**
 * What a stanza handler sees of the connection a stanza came from: who is logged in on which resource, how
 * far the stream is, the resource's presence state, and a way to send stanzas back. As a
 * {@link ClientSession} it is the device the routing core knows (R3), to hand to the routing services
 * (SessionLifecycle, MessageService). Handlers reply with {@link Replies}.
 */
public interface XmppSession extends ClientSession {

    /** The user's full JID once a resource is bound, else {@code null}. */
    Jid jid();

    StreamStage stage();

    /** The server's XMPP domain: the ISP's universal domain. */
    String domain();

    /** Where the client connects from, and whether its connection is encrypted. */
    ClientOrigin origin();

    /** The resource's presence state and what it has been shown of others'. */
    ResourcePresence presence();

    /** How deliveries become stanzas for this resource. */
    DeliveryEncoder encoder();

    /** The resource asked for its block list (XEP-0191): changes to it are pushed to this resource from now on. */
    default void blocklistWanted() {
    }

    /** The invitation token the client gave before registering (XEP-0401's {@code <preauth/>}), or {@code null}. */
    default String invitation() {
        return null;
    }

    /** Keeps the invitation token for the in-band registration that follows. */
    default void invitation(String token) {
    }

    /**
     * Sends a stanza to the client (through the connection's one {@link StanzaOutlet}); a client whose queue
     * is full does not read and is disconnected.
     *
     * @return false when it was not sent
     */
    boolean send(String stanza);

    /**
     * The stanza being handled is handled only once {@code done} completes (a message: once it is durable): under
     * stream management (XEP-0198) the client's acknowledgement counts it then, not before.
     */
    default void handledWhen(CompletionStage<?> done) {
    }

    /** Whether the resource asked for copies of the user's messages on other devices (XEP-0280 message carbons). */
    default boolean carbons() {
        return false;
    }

    /** Turns message carbons on or off for this resource. */
    default void carbons(boolean enabled) {
    }
}
