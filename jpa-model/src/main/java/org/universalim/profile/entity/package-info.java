/**
 * What users publish about themselves: their card (XEP-0054) and their personal event nodes and items (XEP-0163),
 * each row tied to the account it belongs to.
 */
package org.universalim.profile.entity;
