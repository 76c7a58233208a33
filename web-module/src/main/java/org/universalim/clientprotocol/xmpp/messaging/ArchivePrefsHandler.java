package org.universalim.clientprotocol.xmpp.messaging;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.archive.boundary.ArchivePrefs;
import org.universalim.archive.boundary.MessageArchive;
import org.universalim.archive.entity.ArchivePreferences;
import org.universalim.clientprotocol.xmpp.Namespaces;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.Xml;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.handler.IqHandler;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.platform.IspSettings;
import org.universalim.platform.InvalidRequestException;
import org.universalim.address.UserId;

import javax.xml.namespace.QName;
import java.util.List;
import java.util.Locale;

/**
 * Archiving preferences (XEP-0313 section 7): {@code default} ({@code always}, {@code roster} or {@code never}) and
 * the {@code <always/>} and {@code <never/>} lists of bare JIDs. They decide which conversations the user's archive
 * shows; the history itself is kept as before (it is also the Local protocol's history and the offline store).
 */
@ApplicationScoped
public class ArchivePrefsHandler implements IqHandler {

    @EJB
    ArchivePrefs prefs;

    @Inject
    MessageArchive archive;

    @Inject
    IspSettings isp;

    @Override
    public List<QName> handles() {
        return List.of(new QName(Namespaces.MAM, "prefs"));
    }

    @Override
    public void handle(IqRequest request) {
        if (!request.aboutServer()) {
            request.error(StanzaError.serviceUnavailable(null));
            return;
        }
        if (request.isGet()) {
            request.result(answer(prefs.find(request.user()).orElse(null)));
            return;
        }
        XmlElement p = request.payload();
        ArchivePreferences.Mode mode;
        try {
            mode = ArchivePreferences.Mode.valueOf(String.valueOf(p.attribute("default")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("default", "always, roster or never");
        }
        List<String> always = archive.keys(jids(p.child("always", Namespaces.MAM)));
        List<String> never = archive.keys(jids(p.child("never", Namespaces.MAM)));
        request.result(answer(prefs.save(request.user(), mode, always, never)));
    }

    private static List<String> jids(XmlElement list) {
        if (list == null) {
            return List.of();
        }
        List<XmlElement> jids = list.children("jid", Namespaces.MAM);
        if (jids.size() > ArchivePreferences.MAX_ADDRESSES) {
            throw new InvalidRequestException(list.name(), "at most " + ArchivePreferences.MAX_ADDRESSES + " addresses");
        }
        return jids.stream().map(j -> j.text().strip()).toList();
    }

    private Xml answer(ArchivePreferences p) {
        Xml always = Xml.element("always");
        Xml never = Xml.element("never");
        if (p != null) {
            p.always().forEach(k -> always.childText("jid", shown(k)));
            p.never().forEach(k -> never.childText("jid", shown(k)));
        }
        return Xml.element("prefs", Namespaces.MAM)
                .attr("default", p == null ? "always" : p.mode().name().toLowerCase(Locale.ROOT)).child(always).child(never);
    }

    /** A key as a JID: users of this ISP by their universal address. */
    private String shown(String key) {
        UserId id = UserId.parse(key);
        return isp.isLocal(id) ? id.toUniversal(isp.marker()).toString() : key;
    }
}
