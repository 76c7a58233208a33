package org.universalim.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The personal event nodes (XEP-0163) a resource of a remote XMPP user asked to be told of ({@code node+notify} in its
 * entity capabilities, learned from the presence it sent one of our users), shared by every node of the ISP. The nodes
 * are kept as one space-separated text.
 */
@Entity
@Table(name = "REMOTE_INTEREST")
@NamedQuery(name = RemoteInterest.OF_ADDRESS, query = "SELECT i FROM RemoteInterest i WHERE i.address = :address")
public class RemoteInterest {

    public static final String OF_ADDRESS = "RemoteInterest.ofAddress";
    /** The longest full JID and the longest text of nodes kept. */
    public static final int JID_MAX = 600;
    public static final int NODES_MAX = 4000;

    @Id
    @Column(name = "RESOURCE_JID", length = JID_MAX)
    private String resource;

    @Column(name = "ADDRESS", length = 300, nullable = false)
    private String address;

    @Column(name = "NODES", length = NODES_MAX, nullable = false)
    private String nodes;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected RemoteInterest() {
        // for JPA
    }

    public RemoteInterest(String resource, String address, Set<String> nodes, Instant at) {
        this.resource = resource;
        this.address = address;
        nodes(nodes, at);
    }

    public String resource() {
        return resource;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Set<String> nodes() {
        return Arrays.stream(nodes.split(" ")).filter(n -> !n.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** New nodes; those with a space, and those beyond {@value #NODES_MAX} characters in all, are left out. */
    public void nodes(Set<String> asked, Instant at) {
        StringBuilder text = new StringBuilder();
        asked.stream().sorted().filter(n -> !n.isEmpty() && n.indexOf(' ') < 0).forEach(n -> {
            if (text.length() + n.length() + 1 <= NODES_MAX) {
                text.append(text.length() == 0 ? "" : " ").append(n);
            }
        });
        this.nodes = text.toString();
        this.updatedAt = at;
    }
}
