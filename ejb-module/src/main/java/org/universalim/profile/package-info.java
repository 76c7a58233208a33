/**
 * Profiles: what a user publishes about themselves (issue 15). The card (XEP-0054 vCard-temp, {@code Cards}),
 * made from the registration (R1: full name, screen name) until the user saves one; personal events (XEP-0163
 * PEP, {@code PersonalEvents}, {@code PersonalNodes}, {@code PersonalItems}) with persistent items and publish
 * options (XEP-0223): avatars, bookmarks, OMEMO device lists and bundles. Who may read what follows presence
 * authorization (R5, roster's {@code PresenceAuthorization}) and the node's access model; who is told of new items
 * is {@code PersonalEventDelivery} (routing's {@code ClientNotifier} here, the {@code ProfilePeers} port for users
 * of other ISPs, which the federation implements).
 */
package org.universalim.profile;
