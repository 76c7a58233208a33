/**
 * What a user does with their whole account across the domains (issue 16): the export of their data
 * ({@code DataExport}: profile, roster, pending requests, block list, privacy choices and message history as one JSON
 * document). It reads registration, privacy, the roster and routing's history; nothing depends on it but the doors.
 */
package org.universalim.account;
