package org.universalim.archive.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.address.UserId;
import org.universalim.archive.control.ArchiveFilter;
import org.universalim.archive.control.ArchiveSettings;
import org.universalim.archive.control.ArchiveStore;
import org.universalim.archive.entity.ArchivePreferences;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.platform.NotFoundException;
import org.universalim.routing.boundary.ShownAddresses;
import org.universalim.routing.entity.ImMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's message archive (XEP-0313): the very history the Local protocol's {@code history.get} reads (every message
 * the user sent or received, on any device, over either protocol, within this ISP or across ISPs), queried by
 * contact, time and id and paged by archive id (the message id). What the user's archiving preferences leave out is
 * not shown.
 */
@ApplicationScoped
public class MessageArchive {

    @EJB
    ArchiveStore store;

    @EJB
    ArchivePrefs prefs;

    @Inject
    ShownAddresses shown;

    @Inject
    ArchiveSettings settings;

    @Inject
    IspSettings isp;

    @Inject
    AddressDisplay display;

    /**
     * A page of the user's archive, oldest first.
     *
     * @throws InvalidRequestException for a malformed contact address
     * @throws NotFoundException       when the id paged from is none of the user's messages
     */
    public ArchivePage query(String userName, ArchiveQuery q) {
        UserId owner = isp.localAddress(userName);
        String with = q.with() == null ? null : key(q.with());
        int max = q.max() < 0 ? settings.pageMax() : Math.min(q.max(), settings.pageMax());
        ArchivePreferences p = prefs.find(userName).orElse(null);
        List<String> excluded = p == null ? List.of() : p.never();
        List<String> onlyIn = null;
        if (p != null && p.mode() != ArchivePreferences.Mode.ALWAYS) {
            Set<String> kept = new HashSet<>(p.always());
            if (p.mode() == ArchivePreferences.Mode.ROSTER) {
                store.rosterContacts(userName).forEach(contact -> kept.add(contact.toString()));
            }
            kept.removeAll(excluded);
            onlyIn = new ArrayList<>(kept);
        }
        ArchiveFilter filter = new ArchiveFilter(owner, with, q.start(), q.end(), q.ids(), q.last() || q.rsmBefore() != null, max,
                excluded, onlyIn);
        List<ImMessage> after = cursors(owner, q.afterId());
        List<ImMessage> before = cursors(owner, q.beforeId());
        List<ImMessage> pageAfter = cursors(owner, q.rsmAfter());
        List<ImMessage> pageBefore = cursors(owner, q.rsmBefore());
        ArchiveStore.Slice slice = store.page(filter, after, before, pageAfter.isEmpty() ? null : pageAfter.get(0),
                pageBefore.isEmpty() ? null : pageBefore.get(0));
        List<ArchivedMessage> messages = slice.messages().stream()
                .map(m -> new ArchivedMessage(m.id(), shown.sender(m), shown.recipient(m), m.application(), m.securityLevel(),
                        m.body(), m.sentAt(), m.extensions(), m.stanzaId(), m.senderDevice()))
                .toList();
        return new ArchivePage(messages, slice.complete(), slice.count());
    }

    /** The messages these ids (null: none) name in the owner's archive. */
    private List<ImMessage> cursors(UserId owner, String... ids) {
        List<ImMessage> found = new ArrayList<>(2);
        for (String id : ids) {
            if (id != null) {
                found.add(store.ownMessage(owner, id).orElseThrow(() -> new NotFoundException("no message " + id + " in your archive")));
            }
        }
        return found;
    }

    /** The key an address has in the history: a user of this ISP by the local address, others as written. */
    String key(String address) {
        UserId id;
        try {
            id = UserId.parse(address.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("with", e.getMessage());
        }
        return display.key(id).toString();
    }

    /** The keys of these addresses (archiving preferences). */
    public List<String> keys(List<String> addresses) {
        return addresses.stream().map(this::key).distinct().toList();
    }
}
