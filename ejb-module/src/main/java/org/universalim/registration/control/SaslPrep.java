package org.universalim.registration.control;

import com.ongres.saslprep.SASLprep;
import com.ongres.stringprep.Profile;
import org.universalim.address.Precis;

/**
 * Password preparation for SCRAM (RFC 5802 section 2.2, "Normalize"): SASLprep (RFC 4013) on the maintained
 * {@code com.ongres.stringprep:saslprep} implementation, which applies all of RFC 4013 and RFC 3454 (mapping,
 * NFKC, the prohibited tables and the bidirectional checks). Clients that do the same, as SCRAM requires,
 * compute the same keys. For passwords of printable ASCII the result is the password itself, as it was with
 * the earlier partial implementation, so stored credentials keep working.
 */
public final class SaslPrep {

    private static final Profile SASLPREP = new SASLprep();
    private static final String REFUSED = "a password may not contain control, invisible, private-use or "
            + "unassigned characters, nor mix right-to-left and left-to-right text";

    private SaslPrep() {
    }

    /**
     * Prepares a password given at log-in, as a "query" string (unassigned code points allowed, RFC 4013
     * section 2.7), which is also how credentials are derived.
     *
     * @throws IllegalArgumentException when the password holds prohibited characters or prepares to nothing
     */
    public static String prepare(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a password is not empty");
        }
        String prepared;
        try {
            prepared = SASLPREP.prepareQuery(password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REFUSED);
        } catch (IndexOutOfBoundsException e) {
            // the library fails so on a password that prepares to nothing (e.g. only a soft hyphen)
            throw new IllegalArgumentException("a password is not empty");
        }
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("a password is not empty");
        }
        return prepared;
    }

    /**
     * Checks a new password before it is stored: SASLprep as a "stored" string (no unassigned code points) and
     * the PRECIS OpaqueString profile (RFC 8265 section 4), which refuses controls and bidirectional overrides.
     *
     * @throws IllegalArgumentException with a sentence for the user
     */
    public static void checkNew(String password) {
        prepare(password);
        try {
            SASLPREP.prepareStored(password);
            Precis.opaqueString(password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REFUSED);
        }
    }
}
