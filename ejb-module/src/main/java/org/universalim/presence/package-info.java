/**
 * Presence: per user the devices with their type, links, states, applications and endpoint (<b>R3</b>,
 * {@code DeviceRegistry}); the presence logic rules (<b>R4</b>): device order, security level per device and
 * the applications a device supports ({@code PresenceRules} and the pure {@code DeliveryPlanner}), which
 * routing's {@code DeviceFallback} follows; every change of presence is an event that routing pushes to
 * watchers and federation to peers (<b>R6</b>); presence history and availability windows with alerts
 * (<b>R7</b>, {@code AvailabilityIndicator}, {@code AvailabilityWindows}, {@code AvailabilityAlerts}); typed
 * applications beyond text (<b>R14</b>, {@code Applications}).
 */
package org.universalim.presence;
