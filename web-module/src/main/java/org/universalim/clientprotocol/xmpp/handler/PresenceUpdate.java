package org.universalim.clientprotocol.xmpp.handler;

/** What an available presence asks for beyond {@code <show/>}, {@code <status/>} and {@code <priority/>}, as its extensions read it. */
public final class PresenceUpdate {

    private String requestedState;

    /** A device state asked for by name (R3), over what {@code <show/>} says; {@code null} for none. */
    public String requestedState() {
        return requestedState;
    }

    public void requestState(String state) {
        this.requestedState = state;
    }
}
