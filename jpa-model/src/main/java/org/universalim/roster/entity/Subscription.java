package org.universalim.roster.entity;

/**
 * Presence authorization between a roster's owner and a contact (RFC 6121 terms): {@code TO} the owner
 * sees the contact's presence, {@code FROM} the contact sees the owner's, {@code BOTH}, or {@code NONE}.
 */
public enum Subscription {
    NONE, TO, FROM, BOTH;

    public boolean seesContact() {
        return this == TO || this == BOTH;
    }

    public boolean contactSeesOwner() {
        return this == FROM || this == BOTH;
    }

    public Subscription withTo(boolean to) {
        return of(to, contactSeesOwner());
    }

    public Subscription withFrom(boolean from) {
        return of(seesContact(), from);
    }

    static Subscription of(boolean to, boolean from) {
        return to ? (from ? BOTH : TO) : (from ? FROM : NONE);
    }
}
