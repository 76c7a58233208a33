package org.universalim.archive.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's archiving preferences (XEP-0313 section 7): which conversations the user's archive shows. A user
 * who never set any has none: everything is shown. Removed with the account.
 */
@Entity
@Table(name = "ARCHIVE_PREFS")
public class ArchivePreferences {

    /** How many addresses each list holds at most. */
    public static final int MAX_ADDRESSES = 100;
    private static final int MAX_LIST = 32_000;

    /** What is archived for a contact on neither list. */
    public enum Mode {
        /** Every conversation. */
        ALWAYS,
        /** Conversations with contacts on the user's roster. */
        ROSTER,
        /** None. */
        NEVER
    }

    @Id
    @Column(name = "OWNER", length = 32, nullable = false, updatable = false)
    private String owner;

    @Column(name = "OWNER_ID", nullable = false, updatable = false)
    private Long ownerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "DEFAULT_MODE", length = 8, nullable = false)
    private Mode mode;

    /** Addresses (conversation keys) always archived, one per line. */
    @Column(name = "ALWAYS_LIST", length = MAX_LIST, nullable = false)
    private String always;

    /** Addresses (conversation keys) never archived, one per line. */
    @Column(name = "NEVER_LIST", length = MAX_LIST, nullable = false)
    private String never;

    protected ArchivePreferences() {
        // for JPA
    }

    public ArchivePreferences(String owner, Long ownerId) {
        this.owner = owner;
        this.ownerId = ownerId;
        this.mode = Mode.ALWAYS;
        this.always = "";
        this.never = "";
    }

    /** Replaces the preferences; an address on both lists is never archived (XEP-0313 leaves it to the server). */
    public void replace(Mode newMode, Collection<String> newAlways, Collection<String> newNever) {
        if (newAlways.size() > MAX_ADDRESSES || newNever.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("each list holds at most " + MAX_ADDRESSES + " addresses");
        }
        Set<String> n = new TreeSet<>(newNever);
        Set<String> a = new TreeSet<>(newAlways);
        a.removeAll(n);
        this.mode = newMode;
        this.always = String.join("\n", a);
        this.never = String.join("\n", n);
    }

    public String owner() {
        return owner;
    }

    public Mode mode() {
        return mode;
    }

    public List<String> always() {
        return split(always);
    }

    public List<String> never() {
        return split(never);
    }

    private static List<String> split(String list) {
        return list == null || list.isEmpty() ? List.of() : Arrays.asList(list.split("\n"));
    }
}
