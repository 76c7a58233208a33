package org.universalim.clientprotocol.xmpp.stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.StreamStage;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppConnection;
import org.universalim.clientprotocol.xmpp.XmppStreamException;
import org.universalim.clientprotocol.xmpp.XmppStreamException.Condition;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqHandlers;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.clientprotocol.xmpp.handler.StanzaRouter;

import java.util.HashMap;
import java.util.Map;

/**
 * The stream's negotiation as a small state machine over {@link StreamStage} (RFC 6120 sections 4 to 7): what
 * a client may send at each stage, and which step takes it. The stream header goes to {@link StreamOpening};
 * non-stanza elements to the {@link StreamElementHandler} of their namespace (SASL); before log-in only the
 * IQs of handlers that {@link IqHandler#answersBeforeLogIn() answer before log-in} (in-band registration);
 * after log-in only the bind IQ ({@link ResourceBinding}). Anything else ends the stream. Once a resource is
 * bound, stanzas go to the {@link StanzaRouter}, not here.
 */
@ApplicationScoped
public class StreamNegotiation {

    @Inject
    ResourceBinding binding;

    @Inject
    IqHandlers iqs;

    @Inject
    Instance<StreamElementHandler> discovered;

    private Map<String, StreamElementHandler> byNamespace = Map.of();

    @PostConstruct
    void collect() {
        use(discovered);
    }

    void use(Iterable<StreamElementHandler> found) {
        Map<String, StreamElementHandler> handlers = new HashMap<>();
        for (StreamElementHandler h : found) {
            if (handlers.putIfAbsent(h.namespace(), h) != null) {
                throw new IllegalStateException("two handlers take the stream elements of " + h.namespace());
            }
        }
        byNamespace = Map.copyOf(handlers);
    }

    /** An element of a stream that is not bound yet, or one that is no stanza. */
    public void element(XmppConnection conn, XmlElement e) throws XmppStreamException {
        StreamStage stage = conn.stage();
        if (!conn.isOpened() || stage == StreamStage.AWAITING_OPEN || stage == StreamStage.AWAITING_RESTART) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "open the stream first");
        }
        StreamElementHandler handler = byNamespace.get(e.namespace());
        if (handler != null) {
            handler.handle(conn, e);
            return;
        }
        if (!e.isStanza()) {
            if (e.namespace().equals(Namespaces.STREAM) || e.namespace().equals(Namespaces.FRAMING)) {
                throw new XmppStreamException(Condition.UNSUPPORTED_STANZA_TYPE, "<" + e.name() + "/> is not supported here");
            }
            throw new XmppStreamException(e.namespace().isEmpty() || e.namespace().equals(Namespaces.CLIENT)
                    ? Condition.UNSUPPORTED_STANZA_TYPE : Condition.INVALID_NAMESPACE,
                    "a frame is <open/>, <close/>, a SASL element, <iq/>, <message/> or <presence/>");
        }
        switch (stage) {
            case AUTHENTICATING -> beforeLogIn(conn, e);
            case AUTHENTICATED -> beforeBinding(conn, e);
            default -> throw new XmppStreamException(Condition.NOT_AUTHORIZED, "open the stream first");
        }
    }

    /** Before log-in only in-band registration (XEP-0077). */
    private void beforeLogIn(XmppConnection conn, XmlElement stanza) throws XmppStreamException {
        XmlElement payload = stanza.name().equals("iq") ? StanzaRouter.payload(stanza) : null;
        IqHandler handler = payload == null ? null : iqs.find(payload.namespace(), payload.name());
        if (handler == null || !handler.answersBeforeLogIn()) {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "log in first");
        }
        handler.handle(new IqRequest(conn, stanza, payload, null));
    }

    /** After log-in, a resource is bound before anything else. */
    private void beforeBinding(XmppConnection conn, XmlElement stanza) throws XmppStreamException {
        String type = stanza.attribute("type");
        XmlElement payload = stanza.name().equals("iq") ? StanzaRouter.payload(stanza) : null;
        if (payload != null && payload.is("bind", Namespaces.BIND) && "set".equals(type)) {
            binding.bind(conn, stanza, payload);
        } else if (payload != null && !"error".equals(type) && !"result".equals(type)) {
            Replies.error(conn, stanza, StanzaError.notAllowed("bind a resource first"));
        } else {
            throw new XmppStreamException(Condition.NOT_AUTHORIZED, "bind a resource first");
        }
    }
}
