package org.universalim.clientprotocol.xmpp.profile;

/** The namespaces of profiles and server queries (docs/xmpp.md, Profiles). */
final class ProfileNamespaces {

    static final String VCARD = "vcard-temp";
    static final String VCARD_UPDATE = "vcard-temp:x:update";
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String PUBSUB_OWNER = PUBSUB + "#owner";
    static final String PUBSUB_EVENT = PUBSUB + "#event";
    static final String PUBSUB_ERRORS = PUBSUB + "#errors";
    static final String PUBLISH_OPTIONS = PUBSUB + "#publish-options";
    static final String NODE_CONFIG = PUBSUB + "#node_config";
    static final String CAPS = "http://jabber.org/protocol/caps";
    static final String DATA = "jabber:x:data";
    static final String VERSION = "jabber:iq:version";

    private ProfileNamespaces() {
    }
}
