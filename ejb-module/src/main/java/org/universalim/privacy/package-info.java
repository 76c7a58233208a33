/**
 * What a user lets reach them (issue 16, "users in control"): one block list per user shared by every protocol
 * ({@code BlockList}: a user's address or a whole domain; nothing from it gets through: messages, presence,
 * subscription requests, connection requests), and what the user accepts from strangers ({@code StrangerPolicies}:
 * allow, allow but never store offline, refuse; the ISP's default when the user chose nothing). The message path
 * asks {@code PrivacyGate}, which keeps both in memory (no database read per message). It stands below the roster
 * and knows no roster: whether a sender is a contact is the caller's to say.
 */
package org.universalim.privacy;
