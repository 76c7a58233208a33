package org.universalim.registration.entity;

/**
 * The personal attributes a user gives at registration (R1): full name, postal address, billing
 * reference, screen name and e-mail. Only the screen name is public.
 */
public record PersonalAttributes(String fullName, String postalAddress, String billingReference,
                                 String screenName, String email) {
}
