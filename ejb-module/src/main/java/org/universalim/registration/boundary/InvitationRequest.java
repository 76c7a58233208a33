package org.universalim.registration.boundary;

/**
 * A new invitation; {@code validDays} (1 to 365) defaults to {@code registration.invitation.days}.
 */
public record InvitationRequest(Integer validDays) {
}
