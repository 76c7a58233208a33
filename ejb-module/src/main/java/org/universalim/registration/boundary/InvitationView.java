package org.universalim.registration.boundary;

import java.time.Instant;

/**
 * An invitation to register as its maker sees it. The token (and the XEP-0401 URI
 * {@code xmpp:<universal domain>?register;preauth=<token>} carrying it) is only shown in the answer that made the
 * invitation: the ISP keeps its hash only.
 *
 * @param state     {@code open}, {@code used} or {@code expired}
 * @param token     only when just made
 * @param uri       only when just made
 * @param createdBy a user name, or {@code @admin}
 */
public record InvitationView(String id, String state, String token, String uri, String createdBy, Instant createdAt,
                             Instant expiresAt, Instant usedAt, String usedBy) {
}
