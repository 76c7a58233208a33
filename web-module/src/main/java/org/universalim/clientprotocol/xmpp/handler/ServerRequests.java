package org.universalim.clientprotocol.xmpp.handler;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.XmppSession;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * IQs the server asks a client (e.g. what its entity capabilities stand for, XEP-0115), and their answers: the
 * {@link StanzaRouter} hands every result or error addressed to the server here first. An answer is taken from the
 * connection it was asked on only; questions not answered within {@value #WAIT_SECONDS} s are forgotten, and at most
 * {@value #MAX_PENDING} wait at a time on a node.
 */
@ApplicationScoped
public class ServerRequests {

    static final long WAIT_SECONDS = 30;
    static final int MAX_PENDING = 10_000;

    private final AtomicLong ids = new AtomicLong();
    private final Cache<String, Consumer<XmlElement>> pending = Caffeine.newBuilder().maximumSize(MAX_PENDING)
            .expireAfterWrite(Duration.ofSeconds(WAIT_SECONDS)).executor(Runnable::run).build();

    /** Asks the client of {@code session} (an IQ get from the server to its full JID); {@code answered} gets the result or error. */
    public void ask(XmppSession session, Xml payload, Consumer<XmlElement> answered) {
        String id = "srv-" + ids.incrementAndGet();
        pending.put(session.id() + "/" + id, answered);
        session.send(Xml.element("iq", Namespaces.CLIENT).attr("type", "get").attr("id", id).attr("from", session.domain())
                .attr("to", session.jid()).child(payload).toString());
    }

    /**
     * A result or error the client sent to the server.
     *
     * @return whether it answered a question of ours
     */
    public boolean answered(XmppSession session, XmlElement iq) {
        String id = iq.attribute("id");
        if (id == null) {
            return false;
        }
        Consumer<XmlElement> waiting = pending.asMap().remove(session.id() + "/" + id);
        if (waiting == null) {
            return false;
        }
        waiting.accept(iq);
        return true;
    }
}
