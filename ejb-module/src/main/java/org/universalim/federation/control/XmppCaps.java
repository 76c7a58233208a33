package org.universalim.federation.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The entity capabilities (XEP-0115) of the resource our users' presence comes from over s2s ({@value XmppStanzas#RESOURCE},
 * the aggregate of their devices): a client that asks to be told of the personal event nodes (XEP-0163 section 4.4)
 * our users' own clients commonly ask for ({@link #NODES}), so that a remote server notifies our users of its users'
 * events there; our server then passes each event on to the devices that asked for its node themselves. Pure.
 */
public final class XmppCaps {

    /** The caps node (XEP-0115 section 4). */
    public static final String NODE = "https://universal-im.org/s2s";
    public static final String CATEGORY = "client";
    public static final String TYPE = "pc";
    public static final String NAME = "Universal IM";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    /**
     * The personal event nodes asked for: avatars (XEP-0084), nicknames (XEP-0172), OMEMO device lists (XEP-0384, its
     * legacy node and version 2), user mood, activity, tune and location (XEP-0107, 0108, 0118, 0080).
     */
    public static final List<String> NODES = List.of("urn:xmpp:avatar:metadata", "http://jabber.org/protocol/nick",
            "eu.siacs.conversations.axolotl.devicelist", "urn:xmpp:omemo:2:devices", "http://jabber.org/protocol/mood",
            "http://jabber.org/protocol/activity", "http://jabber.org/protocol/tune", "http://jabber.org/protocol/geoloc");
    /** Its features: disco#info and {@code node+notify} for each of {@link #NODES}, sorted. */
    public static final List<String> FEATURES = Stream.concat(Stream.of(DISCO_INFO), NODES.stream().map(n -> n + "+notify"))
            .sorted().toList();
    /** The verification string's SHA-1 hash (XEP-0115 section 5.1). */
    public static final String VER = ver(CATEGORY + "/" + TYPE + "//" + NAME, FEATURES);

    private XmppCaps() {
    }

    /**
     * The {@code ver} of one identity ({@code category/type/lang/name}) and features, without extended information
     * (XEP-0115 section 5.1: the identity, then each feature in order, each followed by {@code <}; SHA-1, Base64).
     */
    static String ver(String identity, List<String> features) {
        StringBuilder s = new StringBuilder(identity).append('<');
        features.stream().sorted().forEach(f -> s.append(f).append('<'));
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always there", e);
        }
    }
}
