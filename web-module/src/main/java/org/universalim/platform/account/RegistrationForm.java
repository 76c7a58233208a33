package org.universalim.platform.account;

import org.universalim.registration.boundary.RegistrationRequest;

/**
 * The body of {@code POST /api/v1/registrations}: a {@link RegistrationRequest} and, when the ISP registers by
 * invitation, the invitation's token ({@code invitation}, the {@code preauth} of an
 * {@code xmpp:...?register;preauth=...} URI).
 */
public record RegistrationForm(String userName, String password, String fullName, String postalAddress,
                               String billingReference, String screenName, String email, String timeZone, boolean universal,
                               String invitation) {

    public RegistrationRequest request() {
        return new RegistrationRequest(userName, password, fullName, postalAddress, billingReference, screenName, email,
                timeZone, universal);
    }

    @Override
    public String toString() {
        // never print the password or the invitation
        return "RegistrationForm[userName=" + userName + ", universal=" + universal + "]";
    }
}
