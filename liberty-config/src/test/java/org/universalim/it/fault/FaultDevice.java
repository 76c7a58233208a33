package org.universalim.it.fault;

import java.util.List;
import java.util.Map;

/**
 * One device of a user in the fault suite, on whichever protocol, as the rig drives it and the {@link Tally} counts
 * it: it sends the next message of a conversation when asked, remembers every send with the answer it got and every
 * message it was given (shown to its user, duplicates included), and logs in again whenever the rig asks.
 */
abstract class FaultDevice {

    /** A message this device sent. */
    static final class Send {
        final String to;
        final long sequence;
        final String clientId;
        /** The server's id of the message, when its answer named it. */
        String messageId;
        /** The server's answer when it took the message (for the Tally, "sent"); null until then. */
        String status;
        /** The error the server answered instead. */
        String error;
        int attempts;
        /**
         * Its place in the conversation, the order it must arrive in (issue 14: the order the server accepted the
         * sender's messages): its sequence, unless it was refused and sent again, which makes it a new message after all
         * those sent before ({@link #sentAgainAt}). A send that went unanswered and is sent again with the same client id
         * is the same message, in its first place.
         */
        long place;
        /** The error of its last refusal when it was sent again after one (the Tally still counts the refusal). */
        String refusedBefore;

        Send(String to, long sequence, String clientId) {
            this.to = to;
            this.sequence = sequence;
            this.clientId = clientId;
            this.place = sequence;
        }

        /** Sent again after the server refused it: its place is now {@code next}, after everything sent so far. */
        void sentAgainAt(long next) {
            place = next;
            refusedBefore = error;
            error = null;
        }

        boolean answered() {
            return status != null || error != null;
        }
    }

    /** A message this device was given (its sender by bare address, its place in the sender's conversation). */
    record Got(String messageId, String from, long sequence, boolean offline) {
    }

    final String user;
    final String address;
    final String device;

    FaultDevice(String user, String address, String device) {
        this.user = user;
        this.address = address;
        this.device = device;
    }

    abstract boolean isLoggedIn();

    /** Why the last log-on attempt failed (printed when the rig waits in vain for every client to log on). */
    volatile String lastLogOnFailure;

    void logOnFailed(String why) {
        lastLogOnFailure = java.time.Instant.now() + " " + why;
    }

    /** Whether this is an XMPP device (stream management) rather than one on the Local protocol. */
    boolean isXmpp() {
        return false;
    }

    /** Connects and logs in unless logged in, then sends again what the last connection left unanswered. */
    abstract boolean ensureLoggedIn();

    /** How many times this device logged in again since it last forgot its counts. */
    abstract int reconnections();

    /** Sends the next message of the conversation with {@code to} if logged in; false if not. */
    abstract boolean sendNext(String to);

    abstract List<Send> sends();

    abstract List<Got> got();

    /** The last receipt status the server pushed per message id (empty on a protocol without server receipts). */
    abstract Map<String, String> receipts();

    /** Whether the server tells this device what became of its messages (receipts, a history with statuses). */
    abstract boolean getsReceipts();

    /** The statuses of the conversation's messages in this device's history (empty where the protocol has none). */
    abstract Map<String, String> history(String contact);

    abstract int unanswered();

    /** Forgets what was sent and received (the next round counts afresh); sequences go on. */
    abstract void forget();

    /** Drops the connection without a word. */
    abstract void abort();

    @Override
    public String toString() {
        return address + "/" + device;
    }
}
