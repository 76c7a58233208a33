/**
 * The black-box tests' vocabulary: ISPs, users and devices as objects, so that a test reads as the patent's
 * flow it checks (FIG. 5 registration, FIG. 6 session establishment) and not as the JSON frames underneath.
 *
 * <pre>
 * Isp a = Isp.a();
 * User alice = a.registers("alice"), bob = a.registers("bob");
 * try (Device pc = alice.logsOn("pc"); Device tablet = bob.logsOn("tablet")) {
 *     pc.asksToSee(bob);
 *     tablet.approves(pc);
 *     pc.sees(bob).online();
 *     pc.asksForSessionWith(bob).isEstablished().onDevice("tablet");
 *     Sent hello = pc.sendsTo(bob, "hello");
 *     tablet.receives(hello);
 *     hello.isDelivered();
 * }
 * </pre>
 *
 * Every wait is on something a user or a peer observes (a pushed frame, an answer, a peer's directory),
 * with a deadline, never a fixed sleep. Names are made unique per run, so no test depends on another.
 * Built over {@link org.universalim.it.IspServer}, {@link org.universalim.it.LocalClient},
 * {@link org.universalim.it.Http} and {@link org.universalim.it.Users}.
 */
package org.universalim.it.scenario;
