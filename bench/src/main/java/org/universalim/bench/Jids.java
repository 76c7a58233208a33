package org.universalim.bench;

/** Pieces of JIDs ({@code local@domain/resource}) as servers write them in stanzas. */
final class Jids {

    private Jids() {
    }

    /** {@code local@domain} of a JID (the JID itself when it has no resource); null for null. */
    static String bare(String jid) {
        if (jid == null) {
            return null;
        }
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    /** The local part (before '@'), or null when there is none. */
    static String local(String jid) {
        if (jid == null) {
            return null;
        }
        int at = jid.indexOf('@');
        int slash = jid.indexOf('/');
        if (at < 0 || slash >= 0 && slash < at) {
            return null;
        }
        return jid.substring(0, at);
    }

    /** The domain part (between '@' and '/'; the whole bare JID when there is no '@'). */
    static String domain(String jid) {
        String bare = bare(jid);
        if (bare == null) {
            return null;
        }
        int at = bare.indexOf('@');
        return at < 0 ? bare : bare.substring(at + 1);
    }
}
