/**
 * The client protocols over WebSocket: the Local IM server's proprietary JSON protocol ({@code local},
 * {@code /ws/local}) and the universal protocol, XMPP over WebSocket ({@code xmpp}, RFC 7395,
 * {@code /xmpp-websocket}), the two connections of the bimodal client (<b>R10</b>); both hand sessions to
 * routing as {@code ClientSession}s, each with its own one-write-at-a-time outbound queue ({@code websocket}).
 */
package org.universalim.clientprotocol;
