package org.universalim.clientprotocol.xmpp.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.archive.boundary.ArchivePage;
import org.universalim.archive.boundary.ArchivedMessage;
import org.universalim.archive.boundary.MessageArchive;
import org.universalim.clientprotocol.xmpp.DeliveryEncoder;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.routing.control.UniversalMessageFormat;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Message archive management (XEP-0313, {@code urn:xmpp:mam:2}) of the user's own archive: the same history the
 * Local protocol's {@code history.get} reads ({@link MessageArchive}). A get answers the query form; a set answers
 * each message of the page as a {@code <result/>} message (forwarded, XEP-0297, with its time, XEP-0203), then the
 * IQ result with {@code <fin/>} and the page's result set (XEP-0059: first, last, count). Only the user's own
 * archive: a query to another user's JID is {@code forbidden}.
 */
@ApplicationScoped
public class ArchiveHandler implements IqHandler {

    @Inject
    MessageArchive archive;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.MAM, "query"));
    }

    @Override
    public boolean answersForAccounts() {
        return true;
    }

    @Override
    public List<String> accountFeatures() {
        // the archive adds its ids to the messages it keeps (XEP-0359)
        return List.of(Namespaces.MAM, Namespaces.STANZA_ID);
    }

    @Override
    public void handle(IqRequest request) {
        Jid own = request.session().jid().bare();
        if (request.to() != null && !request.to().isDomain() && !request.to().equals(own)) {
            request.error(StanzaError.forbidden("only your own archive can be queried"));
            return;
        }
        if (request.to() != null && request.to().isDomain()) {
            request.error(StanzaError.serviceUnavailable("the server keeps no archive of its own: query your account"));
            return;
        }
        if (request.isGet()) {
            request.result(ArchiveRequests.form());
            return;
        }
        ArchivePage page = archive.query(request.user(), ArchiveRequests.read(request.payload()));
        String queryId = request.payload().attribute("queryid");
        for (ArchivedMessage m : page.messages()) {
            request.session().send(result(m, queryId, own, request.session().jid()));
        }
        Xml set = Xml.element("set", Namespaces.RSM);
        if (page.firstId() != null) {
            set.child(Xml.element("first").text(page.firstId())).childText("last", page.lastId());
        }
        set.childText("count", page.count());
        request.result(Xml.element("fin", Namespaces.MAM).attr("complete", page.complete() ? "true" : null).child(set));
    }

    /** One archived message as a result (XEP-0313 section 4.2). */
    String result(ArchivedMessage m, String queryId, Jid archive, Jid to) {
        // the message as its sender's client wrote it: its own id, its device, its extension elements (a correction or a
        // reaction refers to another message by that id) with its origin-id, and the archive id (XEP-0359, XEP-0313 5.1.2)
        String forwarded = DeliveryEncoder.withStanzaId(UniversalMessageFormat.message(
                DeliveryEncoder.sentFrom(m.from(), m.fromDevice(), UnaryOperator.identity()), m.to(),
                m.stanzaId() != null ? m.stanzaId() : m.id(), m.application(), m.securityLevel(), m.body(), m.extensions()),
                archive.bare().toString(), m.id());
        return Xml.element("message", Namespaces.CLIENT).attr("from", archive).attr("to", to)
                .child(Xml.element("result", Namespaces.MAM).attr("queryid", queryId).attr("id", m.id())
                        .child(Xml.element("forwarded", Namespaces.FORWARD)
                                .child(Xml.element("delay", Namespaces.DELAY).attr("stamp", m.sentAt()))
                                .raw(forwarded)))
                .toString();
    }
}
