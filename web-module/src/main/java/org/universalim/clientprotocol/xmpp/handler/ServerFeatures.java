package org.universalim.clientprotocol.xmpp.handler;

import java.util.List;

/**
 * The service discovery features (XEP-0030) a piece of the XMPP side brings, so that disco#info lists what
 * the code that serves it declares (Openfire's ServerFeaturesProvider and UserFeaturesProvider). IQ
 * handlers and message and presence extensions implement it; {@link DiscoFeatures} gathers them.
 */
public interface ServerFeatures {

    /** The features it adds to the server's disco#info. */
    default List<String> serverFeatures() {
        return List.of();
    }

    /** The features it adds to a user account's disco#info (the IQs it answers for a user's bare JID). */
    default List<String> accountFeatures() {
        return List.of();
    }
}
