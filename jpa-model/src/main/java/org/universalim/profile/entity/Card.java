package org.universalim.profile.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A user's card as the user last saved it (XEP-0054 vCard-temp), as XML. A user who never saved one has none:
 * the card shown then is made from the registration (full name and screen name). Removed with the account.
 */
@Entity
@Table(name = "PROFILE_CARD")
public class Card {

    /** The largest card the column holds, in characters. */
    public static final int MAX_XML = 32_000;

    @Id
    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    /** The subscriber the card belongs to: the database removes the card with the account. */
    @Column(name = "OWNER_ID", nullable = false, updatable = false)
    private Long ownerId;

    @Column(name = "CONTENT", length = MAX_XML, nullable = false)
    private String xml;

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    protected Card() {
        // for JPA
    }

    public Card(String owner, Long ownerId, String xml, Instant at) {
        this.owner = owner;
        this.ownerId = ownerId;
        replace(xml, at);
    }

    public final void replace(String newXml, Instant at) {
        if (newXml == null || newXml.length() > MAX_XML) {
            throw new IllegalArgumentException("a card has at most " + MAX_XML + " characters");
        }
        this.xml = newXml;
        this.updatedAt = at;
    }

    public String owner() {
        return owner;
    }

    public String xml() {
        return xml;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
