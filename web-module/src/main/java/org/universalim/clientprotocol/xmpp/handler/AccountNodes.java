package org.universalim.clientprotocol.xmpp.handler;

/**
 * The nodes of a user's account (its personal eventing service, XEP-0163) for service discovery: what disco#items
 * of an account lists and what disco#info tells of one node. Implemented by the personal eventing service, found
 * through CDI by {@link DiscoInfoHandler} and {@link DiscoItemsHandler}.
 */
public interface AccountNodes {

    /** Answers a disco#items of a user's bare JID: the nodes the requester may read. */
    void items(IqRequest request);

    /** Answers a disco#info of one node of a user's bare JID. */
    void info(IqRequest request, String node);
}
