package org.universalim.registration.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A request for a new USERID (R1, FIG. 5 step 505): the wanted name, a password, the personal
 * attributes, and whether the user registers with the Universal IM server too. Every protocol
 * (REST, XMPP in-band registration, the Local protocol) builds one of these.
 *
 * @param timeZone an IANA zone such as {@code Europe/Paris}; {@code UTC} when absent
 */
public record RegistrationRequest(
        @NotBlank(message = "a user name is required") String userName,
        @NotNull(message = "a password is required")
        @Size(min = 8, max = 128, message = "a password has 8 to 128 characters") String password,
        @NotBlank(message = "a full name is required")
        @Size(max = 100, message = "a full name has at most 100 characters") String fullName,
        @Size(max = 300, message = "a postal address has at most 300 characters") String postalAddress,
        @Size(max = 64, message = "a billing reference has at most 64 characters") String billingReference,
        @Size(max = 64, message = "a screen name has at most 64 characters") String screenName,
        @Email(message = "not an e-mail address")
        @Size(max = 254, message = "an e-mail address has at most 254 characters") String email,
        @Size(max = 64, message = "not a time zone") String timeZone,
        boolean universal) {

    @Override
    public String toString() {
        // never print the password
        return "RegistrationRequest[userName=" + userName + ", universal=" + universal + "]";
    }
}
