package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/**
 * A user asks about a user of the receiver's: their card ({@code vcard}), items of a personal event node
 * ({@code items}: those named, or the newest {@code max}), the nodes they may read ({@code nodes}) or one node
 * ({@code node}). Answered with a {@link ProfileResponse}; only to peers that announce the {@code profile} capability.
 */
@XmlRootElement(name = "profileQuery")
public class ProfileQuery extends Request {

    public static final String CARD = "vcard";
    public static final String ITEMS = "items";
    public static final String NODES = "nodes";
    public static final String NODE = "node";

    @XmlElement(name = "itemId")
    public List<String> itemIds = new ArrayList<>();

    @XmlAttribute(required = true)
    public String requester;

    @XmlAttribute(required = true)
    public String owner;

    @XmlAttribute(required = true)
    public String kind;

    @XmlAttribute
    public String node;

    @XmlAttribute
    public Integer max;
}
