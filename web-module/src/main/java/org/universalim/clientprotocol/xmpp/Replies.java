package org.universalim.clientprotocol.xmpp;

import org.universalim.platform.ConflictException;
import org.universalim.platform.ForbiddenException;
import org.universalim.platform.TooManyRequestsException;
import org.universalim.platform.Incidents;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.routing.control.MessageJournal;

import java.util.logging.Logger;

/** Answers to stanzas: IQ results, stanza errors, and the stanza error for a refused or failed request. */
public final class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    private Replies() {
    }

    public static void result(XmppSession conn, XmlElement iq, Xml payload) {
        conn.send(Xml.element("iq", Namespaces.CLIENT).attr("type", "result").attr("id", iq.attribute("id"))
                .attr("from", iq.attribute("to")).attr("to", conn.jid()).child(payload).toString());
    }

    /** A stanza error answering a stanza (never answers an error). */
    public static void error(XmppSession conn, XmlElement stanza, StanzaError error) {
        if ("error".equals(stanza.attribute("type"))) {
            return;
        }
        conn.send(Xml.element(stanza.name(), Namespaces.CLIENT).attr("type", "error").attr("id", stanza.attribute("id"))
                .attr("from", stanza.attribute("to")).attr("to", conn.jid()).child(error.toXml()).toString());
    }

    /** The stanza error for a refused or failed request. */
    public static StanzaError failure(RuntimeException e) {
        if (e instanceof InvalidRequestException) {
            return StanzaError.badRequest(e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return StanzaError.itemNotFound(e.getMessage());
        }
        if (e instanceof TooManyRequestsException t) {
            return StanzaError.policyViolation(t.getMessage());
        }
        if (e instanceof ForbiddenException f) {
            return StanzaError.forbidden(f.getMessage());
        }
        if (e instanceof ConflictException c) {
            return switch (c.code()) {
                // XEP-0191 section 3.5: the user writes to somebody they block
                case "blocked" -> StanzaError.notAcceptable(c.getMessage()).with(Xml.element("blocked", Namespaces.BLOCKING_ERRORS));
                case "too_many_devices", "roster_full", "too_many_alerts" -> new StanzaError("wait", "resource-constraint", c.getMessage());
                case "not_authorized" -> StanzaError.forbidden(c.getMessage());
                case "remote_unreachable" -> new StanzaError("cancel", "remote-server-not-found", c.getMessage());
                default -> StanzaError.conflict(c.getMessage());
            };
        }
        if (MessageJournal.isStopping(e)) {
            // a graceful stop, no fault (RFC 6120 8.3.3.19; the stream itself ends with system-shutdown)
            return new StanzaError("wait", "service-unavailable", "the server is shutting down");
        }
        String incident = Incidents.fault(LOG, "xmpp: request failed", e);
        return StanzaError.internal("the server could not do that " + Incidents.reference(incident));
    }
}
