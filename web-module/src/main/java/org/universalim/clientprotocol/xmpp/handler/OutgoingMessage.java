package org.universalim.clientprotocol.xmpp.handler;

import org.universalim.routing.boundary.SendRequest;
import org.universalim.routing.entity.ImMessage;

/** A message a client sends, as its extensions ({@link MessageExtension}) complete it before it is sent. */
public final class OutgoingMessage {

    private final String to;
    private final String body;
    private String application;
    private int securityLevel;
    private String clientId;
    private String stanzaId;
    private String extensions;
    private ImMessage.Keeping keeping;
    private String toResource;

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

    /**
     * What the client sent beyond the body: its own id of the stanza, the extension elements carried to the recipient
     * (XML, or null) and how the message is kept.
     */
    public void envelope(String stanzaId, String extensions, ImMessage.Keeping keeping) {
        this.stanzaId = stanzaId;
        this.extensions = extensions;
        this.keeping = keeping;
    }

    /** The resource an error message was addressed to (passed on to an XMPP server over s2s). */
    public void toResource(String resource) {
        this.toResource = resource;
    }

    public SendRequest toRequest() {
        return new SendRequest(to, body, application, securityLevel, clientId, stanzaId, extensions, keeping, toResource);
    }
}
