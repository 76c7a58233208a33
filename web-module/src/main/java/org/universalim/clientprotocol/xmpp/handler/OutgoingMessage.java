package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.routing.boundary.SendRequest;

/** A message a client sends, as its extensions ({@link MessageExtension}) complete it before it is sent. */
public final class OutgoingMessage {

    private final String to;
    private final String body;
    private String application;
    private int securityLevel;
    private String clientId;

    public OutgoingMessage(String to, String body) {
        this.to = to;
        this.body = body;
    }

    /** The application type (R14); {@code text} when none is set. */
    public void application(String type) {
        this.application = type;
    }

    /** The security level (R14): 0 public to 3 confidential. */
    public void securityLevel(int level) {
        this.securityLevel = level;
    }

    /**
     * The client's own id of the message (XEP-0359 {@code origin-id}): a resend with it from the same account is the
     * same message (docs/reliability.md).
     */
    public void clientId(String id) {
        this.clientId = id;
    }

    public SendRequest toRequest() {
        return new SendRequest(to, body, application, securityLevel, clientId);
    }
}
