package org.universalim.federation.wire;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ProfileQuery} may see: {@code ok} with the card, the items or the nodes; or {@code not_authorized}
 * (the owner does not let the requester see their presence), {@code closed} (the node is its owner's only),
 * {@code unknown} (no such universal user) or {@code no_node}.
 */
@XmlRootElement(name = "profileResponse")
@XmlType(propOrder = {"card", "items", "nodes"})
public class ProfileResponse {

    public static final String OK = "ok";
    public static final String NOT_AUTHORIZED = "not_authorized";
    public static final String CLOSED = "closed";
    public static final String UNKNOWN = "unknown";
    public static final String NO_NODE = "no_node";

    public PayloadInfo card;

    @XmlElement(name = "item")
    public List<ItemInfo> items = new ArrayList<>();

    @XmlElement(name = "node")
    public List<NodeInfo> nodes = new ArrayList<>();

    @XmlAttribute(required = true)
    public String transactionId;

    @XmlAttribute(required = true)
    public String status;

    /** A node the requester may read, and who may. */
    @XmlType(name = "")
    public static class NodeInfo {
        @XmlAttribute(required = true)
        public String name;

        @XmlAttribute(required = true)
        public String access;

        public NodeInfo() {
        }

        public NodeInfo(String name, String access) {
            this.name = name;
            this.access = access;
        }
    }
}
