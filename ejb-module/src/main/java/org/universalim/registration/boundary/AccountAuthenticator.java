package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.universalim.registration.control.Scram;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.ScramCredential;
import org.universalim.registration.entity.Subscriber;

import java.util.Optional;

/**
 * Checks users' passwords against their stored SCRAM credentials, for every way of logging in (REST
 * Basic, the Local protocol, XMPP PLAIN) and gives the XMPP SCRAM exchange the stored credentials.
 * Disabled accounts never authenticate.
 */
@Stateless
public class AccountAuthenticator {

    /** Checked for unknown users too, so an answer takes as long whether or not the account exists. */
    private static final ScramCredential DECOY = Scram.newCredential(ScramMechanism.SHA_256, "decoy password", 4096);

    @EJB
    LocalRegistrar registrar;

    /**
     * @return the normalised user name when the password is right and the account enabled
     */
    public Optional<String> authenticate(String userName, String password) {
        return authenticated(userName, password).map(Subscriber::userName);
    }

    /** The account when the password is right and the account enabled. */
    public Optional<Subscriber> authenticated(String userName, String password) {
        if (userName == null || password == null) {
            return Optional.empty();
        }
        Optional<Subscriber> found = registrar.find(userName);
        if (found.isEmpty()) {
            Scram.verify(ScramMechanism.SHA_256, password, DECOY);
            return Optional.empty();
        }
        Subscriber s = found.get();
        boolean ok = Scram.verify(ScramMechanism.SHA_256, password, s.scramSha256());
        return ok && !s.isDisabled() ? Optional.of(s) : Optional.empty();
    }

    /** The stored credential for a SCRAM login; empty for unknown or disabled users. */
    public Optional<ScramCredential> scramCredential(String userName, ScramMechanism mechanism) {
        return enabledAccount(userName).map(s -> credential(s, mechanism));
    }

    /** The account, for a SCRAM login that takes its credential from it; empty for unknown or disabled users. */
    public Optional<Subscriber> enabledAccount(String userName) {
        return registrar.find(userName).filter(s -> !s.isDisabled());
    }

    /** The account's stored credential for {@code mechanism}. */
    public static ScramCredential credential(Subscriber account, ScramMechanism mechanism) {
        return mechanism == ScramMechanism.SHA_1 ? account.scramSha1() : account.scramSha256();
    }
}
