package org.universalim.registration.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.platform.ForbiddenException;
import org.universalim.registration.control.RegistrationSettings;
import org.universalim.registration.control.RegistrationSettings.Policy;

/**
 * Who may register at this ISP ({@code registration.policy}): anybody ({@code open}), holders of an invitation
 * ({@code invite}) or nobody but the administrator ({@code closed}). The same for every door: the JSON API and the
 * web page, and XMPP in-band registration (XEP-0077).
 */
@ApplicationScoped
public class RegistrationPolicy {

    public static final String CLOSED = "registration_closed";
    public static final String INVITATION_REQUIRED = "invitation_required";

    @Inject
    RegistrationSettings settings;

    /** What the registration page shows. */
    public record View(String policy, boolean invitationsByUsers) {
    }

    public View view() {
        return new View(settings.policy().name().toLowerCase(java.util.Locale.ROOT), settings.invitationsByUsers());
    }

    /** Whether a registration must name an invitation. */
    public boolean needsInvitation() {
        return settings.policy() == Policy.INVITE;
    }

    /**
     * Refuses a registration the policy does not admit.
     *
     * @param invitation the invitation token the registration names, if any
     * @throws ForbiddenException {@value #CLOSED}, or {@value #INVITATION_REQUIRED} without a token under {@code invite}
     */
    public void admit(String invitation) {
        switch (settings.policy()) {
            case CLOSED -> throw new ForbiddenException(CLOSED,
                    "this ISP does not take registrations: its administrator creates accounts");
            case INVITE -> {
                if (invitation == null || invitation.isBlank()) {
                    throw new ForbiddenException(INVITATION_REQUIRED,
                            "this ISP registers new users by invitation only: register with the invitation you were given");
                }
            }
            default -> {
                // open
            }
        }
    }
}
