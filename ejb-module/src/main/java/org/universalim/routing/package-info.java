/**
 * Routing, the Local IM server's core: session establishment by FIG. 6 (<b>R8</b>, {@code Router} and the
 * pure {@code Fig6}); the message path ({@code MessageService} and its parts: {@code MessageSending},
 * {@code DeviceFallback} for the rules' device order with failover, <b>R4</b>, {@code OfflineStorage},
 * {@code Receipts}, {@code MessageHistory}, {@code ForeignBatches}; exactly once and in order per sender and
 * recipient through crashes, docs/reliability.md: {@code InFlight}, {@code RecipientLanes}, {@code CatchingUp},
 * {@code StoredDelivery}, client ids by {@code MessageIds} and {@code Resends}); the proprietary JSON or the universal XML
 * format between two universal users (<b>R9</b>); typed messages (<b>R14</b>); pushing presence and roster
 * changes to connected devices (<b>R6</b>, {@code ClientNotifier}); the table of users to nodes and the node
 * channel between the nodes of one ISP (<b>R12</b>, {@code SessionRoutes}, {@code NodeChannel},
 * {@code NodeDispatch}); the {@code FederationPort} other ISPs are reached through. Sessions are behind
 * {@code ClientSession}: routing never sees the WebSocket API.
 */
package org.universalim.routing;
