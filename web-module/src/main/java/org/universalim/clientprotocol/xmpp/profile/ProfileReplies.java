package org.universalim.clientprotocol.xmpp.profile;

import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.ProfileRefusal;

/**
 * Answers of profiles: a result whose payload is XML kept as text (a card, items), and stanza errors with the
 * defined condition (RFC 6120 8.3.3) and, for publish-subscribe, the application-specific condition of XEP-0060
 * ({@code http://jabber.org/protocol/pubsub#errors}).
 */
final class ProfileReplies {

    private ProfileReplies() {
    }

    /** A result carrying {@code payload}, XML that is already written (and checked). */
    static void result(IqRequest request, Xml payload) {
        request.result(payload);
    }

    /** A result whose payload is XML text. */
    static void result(IqRequest request, String payloadXml) {
        request.session().send(Xml.element("iq", Namespaces.CLIENT).attr("type", "result").attr("id", request.iq().attribute("id"))
                .attr("from", request.iq().attribute("to")).attr("to", request.session().jid()).raw(payloadXml).toString());
    }

    /** The error for a refused pubsub request (XEP-0060's conditions). */
    static void pubsub(IqRequest request, ProfileRefusal e) {
        String text = e.getMessage();
        switch (e.reason()) {
            case NO_USER, UNAVAILABLE -> request.error(StanzaError.serviceUnavailable(text));
            case NO_NODE -> request.error(StanzaError.itemNotFound(text));
            case NOT_AUTHORIZED -> send(request, new StanzaError("auth", "not-authorized", text), "presence-subscription-required", null);
            case CLOSED -> send(request, StanzaError.notAllowed(text), "closed-node", null);
            case NOT_OWNER -> request.error(StanzaError.forbidden(text));
            case PRECONDITION -> send(request, StanzaError.conflict(text), "precondition-not-met", null);
            case INVALID_OPTIONS -> send(request, StanzaError.notAcceptable(text), "invalid-options", null);
            case EXISTS -> request.error(StanzaError.conflict(text));
            case TOO_BIG -> send(request, StanzaError.notAcceptable(text), "payload-too-big", null);
            case INVALID_PAYLOAD -> send(request, StanzaError.badRequest(text), "invalid-payload", null);
            case MAX_NODES -> send(request, StanzaError.notAllowed(text), "max-nodes-exceeded", null);
            case QUOTA -> request.error(new StanzaError("wait", "resource-constraint", text));
            case UNREACHABLE -> request.error(new StanzaError("wait", "remote-server-timeout", text));
        }
    }

    /** The error for a refused card request (XEP-0054: a card the user may not see is forbidden). */
    static void card(IqRequest request, ProfileRefusal e) {
        switch (e.reason()) {
            case NOT_AUTHORIZED, CLOSED -> request.error(StanzaError.forbidden(e.getMessage()));
            case TOO_BIG, INVALID_PAYLOAD -> request.error(StanzaError.notAcceptable(e.getMessage()));
            case NO_NODE -> request.error(StanzaError.itemNotFound(e.getMessage()));
            case UNREACHABLE -> request.error(new StanzaError("wait", "remote-server-timeout", e.getMessage()));
            default -> request.error(StanzaError.serviceUnavailable(e.getMessage()));
        }
    }

    /** A feature of XEP-0060 this service does not offer ({@code feature-not-implemented} with {@code unsupported}). */
    static void unsupported(IqRequest request, String feature) {
        send(request, new StanzaError("cancel", "feature-not-implemented", feature + " is not offered"), "unsupported", feature);
    }

    /** An error with an application-specific condition of XEP-0060. */
    static void send(IqRequest request, StanzaError error, String condition, String feature) {
        Xml element = error.toXml().child(Xml.element(condition, ProfileNamespaces.PUBSUB_ERRORS).attr("feature", feature));
        request.session().send(Xml.element("iq", Namespaces.CLIENT).attr("type", "error").attr("id", request.iq().attribute("id"))
                .attr("from", request.iq().attribute("to")).attr("to", request.session().jid()).child(element).toString());
    }
}
