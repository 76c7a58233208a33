/**
 * Addresses, the small shared kernel below every domain: a USERID ({@link org.universalim.address.UserId},
 * local part {@code @} domain, its one parser and printer), the user-name rule ({@code UserNames}), domains
 * ({@code Domains}) and the universal marker that tells universal domains from local ones
 * ({@code UniversalMarker}, <b>R2</b>). It depends on nothing of the application, and every domain may use it.
 */
package org.universalim.address;
