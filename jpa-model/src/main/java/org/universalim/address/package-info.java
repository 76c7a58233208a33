/**
 * Addresses, the small shared kernel below every domain: a USERID ({@link org.universalim.address.UserId},
 * local part {@code @} domain, its one parser and printer), the user-name rule ({@code UserNames}), domains
 * ({@code Domains}) and the universal marker that tells universal domains from local ones
 * ({@code UniversalMarker}, <b>R2</b>). It depends on nothing of the application, and every domain may use it.
 *
 * <p>Entities hold addresses as {@code UserId}s, stored in the same text column as before through
 * {@link org.universalim.address.UserIdConverter} (which reads a stored text that is no address as stored, never
 * throwing). Columns that may hold something else stay text: a block-list entry (an address or a whole domain), a
 * remote watcher (an XMPP server may subscribe from a bare domain), a foreign user's key (a primary key).
 */
package org.universalim.address;
