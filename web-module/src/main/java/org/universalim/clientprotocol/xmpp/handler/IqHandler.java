package org.universalim.clientprotocol.xmpp.handler;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * Answers one kind of IQ (RFC 6120 section 8.2.3), named by its payload element: Openfire's IQHandler with
 * its IQHandlerInfo, Tigase's {@code @Handles}. A handler is an {@code @ApplicationScoped} bean found
 * through CDI ({@link IqHandlers}): answering a new namespace is adding a class. What it declares in
 * {@link #serverFeatures()} is listed by disco#info.
 *
 * <p>Before {@link #handle} is called the {@link StanzaRouter} has checked the IQ: it has an id, a type of
 * get or set, exactly one child (the payload) and a well-formed {@code to}, which names the server (or, for
 * a handler that {@link #answersForAccounts()}, a user's bare JID). An exception the handler throws is
 * answered with the matching stanza error ({@code Replies.failure}).
 */
public interface IqHandler extends ServerFeatures {

    /** The payload elements it answers: namespace and local name. No two handlers share one. */
    List<QName> handles();

    /** Whether it also answers IQs addressed to a user's bare JID (disco, last activity), not only to the server. */
    default boolean answersForAccounts() {
        return false;
    }

    /** Whether it answers before log-in (in-band registration, XEP-0077); it then sees a session without a user. */
    default boolean answersBeforeLogIn() {
        return false;
    }

    void handle(IqRequest request);
}
