package org.universalim.presence.control;

/** Why no device of a user can take a message (R4, FIG. 6 step 647). */
public enum Unavailability {
    /** The user has registered no device. */
    NO_DEVICES("has no device"),
    /** Every device is offline. */
    NO_DEVICE_ONLINE("has no device online"),
    /** The connected devices are all set to do-not-disturb. */
    DO_NOT_DISTURB("does not want to be disturbed"),
    /** No connected device supports the message's application type. */
    NO_DEVICE_SUPPORTS_APPLICATION("has no device online that supports this kind of message"),
    /** No connected device that supports the type has a high enough security level. */
    NO_DEVICE_SECURE_ENOUGH("has no device online secure enough for this message"),
    /** Every device that could take the message was tried and none acknowledged it. */
    NO_DEVICE_ACKNOWLEDGED("did not acknowledge the message on any device");

    private final String explanation;

    Unavailability(String explanation) {
        this.explanation = explanation;
    }

    /** Words for the sender: "bob has no device online". */
    public String explain(String who) {
        return who + " " + explanation;
    }
}
