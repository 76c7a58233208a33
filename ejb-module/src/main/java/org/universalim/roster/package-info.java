/**
 * Rosters (<b>R5</b>): contacts with names and groups and presence authorization (requests, approvals,
 * denials, revocations) between users of this ISP or, through roster's own port {@code ForeignSubscriptions}
 * (implemented by federation), with users of other ISPs; a foreign user is tracked only while a local roster
 * holds them. How contacts are keyed and shown is {@code ContactAddresses}; who may see whom is
 * {@code PresenceAuthorization}.
 */
package org.universalim.roster;
