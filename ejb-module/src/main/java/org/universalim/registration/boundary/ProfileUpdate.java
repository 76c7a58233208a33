package org.universalim.registration.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * What a user changes of their personal attributes (R1). A field left out ({@code null}) stays as it is; an empty
 * one is cleared (the full name cannot be). The billing reference is the ISP's and not among them.
 */
public record ProfileUpdate(
        @Size(max = 100, message = "a full name has at most 100 characters") String fullName,
        @Size(max = 64, message = "a screen name has at most 64 characters") String screenName,
        @Email(message = "not an e-mail address")
        @Size(max = 254, message = "an e-mail address has at most 254 characters") String email,
        @Size(max = 300, message = "a postal address has at most 300 characters") String postalAddress) {
}
