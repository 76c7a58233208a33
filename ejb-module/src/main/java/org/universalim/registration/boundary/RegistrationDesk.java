package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.universalim.registration.entity.Invitation;

/**
 * Where new users register, whatever the door (the JSON API and the web page; XEP-0077 once its handler passes
 * the invitation and the client address): the ISP's policy ({@link RegistrationPolicy}), a one-time invitation
 * under {@code invite} ({@link Invitations}), the rate limits ({@link RegistrationThrottle}), then FIG. 5
 * ({@link LocalRegistrar}), all or nothing: a refused registration uses up neither the invitation nor a place in
 * the limits.
 */
@Stateless
public class RegistrationDesk {

    @EJB
    LocalRegistrar registrar;

    @EJB
    Invitations invitations;

    @Inject
    RegistrationPolicy policy;

    @Inject
    RegistrationThrottle throttle;

    /**
     * Registers a new user.
     *
     * @param invitation    the invitation token, under {@code invite}; ignored otherwise
     * @param clientAddress the client's IP address, as the log-in throttle takes it (null when unknown)
     */
    public Account register(RegistrationRequest request, String invitation, String clientAddress) {
        policy.admit(invitation);
        Invitation claimed = policy.needsInvitation() ? invitations.claim(invitation) : null;
        RegistrationThrottle.Ticket ticket = throttle.admit(clientAddress);
        try {
            Account account = registrar.create(request);
            if (claimed != null) {
                invitations.usedBy(claimed, account.userName());
            }
            return account;
        } catch (RuntimeException refused) {
            throttle.release(ticket);
            throw refused;
        }
    }
}
