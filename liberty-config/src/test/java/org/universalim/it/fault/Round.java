package org.universalim.it.fault;

import org.universalim.it.IspServer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One round of the fault suite: traffic starts, the fault strikes once a fifth of the round's messages are sent, the
 * traffic goes on while it lasts (up to four fifths in all) and once it is over until all are sent (and for 3 s at
 * least), then the round waits until
 * every accepted message has arrived and every client is logged in again and answered (or the settle time is over),
 * gives the receipts time to come, and counts.
 */
final class Round {

    private Round() {
    }

    /** Something that goes wrong and is put right again, e.g. a kill -9 and a restart. */
    interface Fault {
        void strike() throws Exception;
    }

    static Tally run(FaultRig rig, String name, Fault fault) throws Exception {
        FaultRig.Size size = rig.size;
        rig.allLoggedIn(Duration.ofMinutes(3));
        rig.forget();
        long began = System.nanoTime();
        // a fifth before the fault, at most three more while it lasts, the rest (and 3 s at least) once it is over
        rig.allowUpTo(size.messages() * 4L / 5);
        rig.startTraffic();
        FaultRig.waitFor(() -> rig.sent() >= size.messages() / 5, Duration.ofMinutes(5));
        try {
            fault.strike();
        } finally {
            rig.allowUpTo(size.messages());
            long healed = System.nanoTime();
            FaultRig.waitFor(() -> rig.sent() >= size.messages() && System.nanoTime() - healed > TimeUnit.SECONDS.toNanos(3),
                    Duration.ofMinutes(30));
            rig.stopTraffic();
        }
        boolean settled = FaultRig.waitFor(() -> Tally.settled(rig), size.settle());
        // receipts: until all are pushed or none has come for 5 s (a sender that was away looks them up)
        long pending = Tally.receiptsPending(rig);
        long lastChange = System.nanoTime();
        while (pending > 0 && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(5)) {
            TimeUnit.MILLISECONDS.sleep(250); // polling interval
            long now = Tally.receiptsPending(rig);
            if (now != pending) {
                pending = now;
                lastChange = System.nanoTime();
            }
        }
        Tally tally = Tally.of(name, rig);
        System.out.println(tally + (settled ? "" : " (not settled within " + size.settle().toSeconds() + " s)")
                + String.format(" in %d s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began)));
        return tally;
    }

    /** {@code server} killed with kill -9, kept down for the rig's outage time, restarted on the same database. */
    static Fault killedAndDownAWhile(FaultRig rig, IspServer server) {
        return () -> {
            server.kill9();
            hold(rig.size.outage());
            server.startForTest();
        };
    }

    /** {@code server} frozen with SIGSTOP for the rig's freeze time, then SIGCONT. */
    static Fault frozen(FaultRig rig, IspServer server) {
        return () -> {
            server.freeze();
            try {
                hold(rig.size.freeze());
            } finally {
                server.thaw();
            }
        };
    }

    /** Every client link of these servers cut with a TCP reset, twice (the second once all had logged on again). */
    static Fault linksCutTwice(FaultRig rig, IspServer... servers) {
        return () -> {
            rig.cutLinks(servers);
            rig.allLoggedIn(Duration.ofMinutes(1));
            rig.cutLinks(servers);
        };
    }

    /** The fault's own duration (a server held down or frozen this long), not a wait for an outcome. */
    static void hold(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }
}
