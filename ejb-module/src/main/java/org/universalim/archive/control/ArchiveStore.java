package org.universalim.archive.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.universalim.address.UserId;
import org.universalim.roster.entity.RosterItem;
import org.universalim.routing.entity.ImMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one user's messages from the message history ({@code IM_MESSAGE}, the store the Local protocol's history
 * reads too) in archive order: time sent, then arrival at this server. Pages by message id (XEP-0059).
 */
@Stateless
public class ArchiveStore {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    /** One page of matching messages, oldest first, and whether more match beyond it in the paging direction. */
    public record Slice(List<ImMessage> messages, boolean complete, long count) {
    }

    /** The message with this id if it is one of the owner's. */
    public Optional<ImMessage> ownMessage(UserId owner, String id) {
        ImMessage m = em.find(ImMessage.class, id);
        return m != null && (owner.equals(m.sender()) || owner.equals(m.recipient())) ? Optional.of(m) : Optional.empty();
    }

    /**
     * @param after      messages all results lie after (the form's {@code after-id}), found
     * @param before     messages all results lie before (the form's {@code before-id}), found
     * @param pageAfter  the message the page starts after (XEP-0059 {@code <after/>}), or null
     * @param pageBefore the message the page ends before (XEP-0059 {@code <before/>}), or null
     */
    public Slice page(ArchiveFilter f, List<ImMessage> after, List<ImMessage> before, ImMessage pageAfter, ImMessage pageBefore) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder filtered = new StringBuilder(where(f, params));
        for (int i = 0; i < after.size(); i++) {
            filtered.append(later("after" + i, after.get(i), params));
        }
        for (int i = 0; i < before.size(); i++) {
            filtered.append(earlier("before" + i, before.get(i), params));
        }
        String where = filtered.toString();
        Map<String, Object> pageParams = new HashMap<>(params);
        String paged = where + (pageAfter == null ? "" : later("pageAfter", pageAfter, pageParams))
                + (pageBefore == null ? "" : earlier("pageBefore", pageBefore, pageParams));
        String order = f.backwards() ? " ORDER BY m.sentAt DESC, m.sequence DESC" : " ORDER BY m.sentAt, m.sequence";
        TypedQuery<ImMessage> q = em.createQuery("SELECT m FROM ImMessage m WHERE " + paged + order, ImMessage.class);
        pageParams.forEach(q::setParameter);
        List<ImMessage> found = new ArrayList<>(q.setMaxResults(f.max() + 1).getResultList());
        boolean complete = found.size() <= f.max();
        if (!complete) {
            found.remove(found.size() - 1);
        }
        if (f.backwards()) {
            Collections.reverse(found);
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(m) FROM ImMessage m WHERE " + where, Long.class);
        params.forEach(count::setParameter);
        return new Slice(found, complete, count.getSingleResult());
    }

    /** Messages after {@code m} in archive order (time, then arrival). */
    private static String later(String name, ImMessage m, Map<String, Object> params) {
        params.put(name + "At", m.sentAt());
        params.put(name + "Seq", m.sequence());
        return " AND (m.sentAt > :" + name + "At OR (m.sentAt = :" + name + "At AND m.sequence > :" + name + "Seq))";
    }

    /** Messages before {@code m} in archive order. */
    private static String earlier(String name, ImMessage m, Map<String, Object> params) {
        params.put(name + "At", m.sentAt());
        params.put(name + "Seq", m.sequence());
        return " AND (m.sentAt < :" + name + "At OR (m.sentAt = :" + name + "At AND m.sequence < :" + name + "Seq))";
    }

    private static String where(ArchiveFilter f, Map<String, Object> params) {
        StringBuilder w = new StringBuilder();
        if (f.with() != null) {
            w.append("m.conversation = :conversation");
            params.put("conversation", ImMessage.conversationOf(f.owner().toString(), f.with()));
        } else {
            w.append("(m.sender = :owner OR m.recipient = :owner)");
            params.put("owner", f.owner());
        }
        // chat states and messages hinted no-store or no-permanent-store are not archived (XEP-0334, XEP-0313)
        w.append(" AND m.keeping IS NULL");
        if (f.start() != null) {
            w.append(" AND m.sentAt >= :start");
            params.put("start", f.start());
        }
        if (f.end() != null) {
            w.append(" AND m.sentAt <= :end");
            params.put("end", f.end());
        }
        if (!f.ids().isEmpty()) {
            w.append(" AND m.id IN :ids");
            params.put("ids", f.ids());
        }
        if (!f.excluded().isEmpty()) {
            w.append(" AND m.conversation NOT IN :excluded");
            params.put("excluded", f.excluded().stream().map(k -> ImMessage.conversationOf(f.owner().toString(), k)).toList());
        }
        if (f.onlyIn() != null) {
            if (f.onlyIn().isEmpty()) {
                w.append(" AND 1 = 0");
            } else {
                w.append(" AND m.conversation IN :onlyIn");
                params.put("onlyIn", f.onlyIn().stream().map(k -> ImMessage.conversationOf(f.owner().toString(), k)).toList());
            }
        }
        return w.toString();
    }

    /** The contacts (keys) on a user's roster. */
    public List<UserId> rosterContacts(String owner) {
        return em.createNamedQuery(RosterItem.OF_OWNER, RosterItem.class).setParameter("owner", owner).getResultStream()
                .map(RosterItem::contact).toList();
    }

    /**
     * Forgets up to {@code batch} messages sent before {@code before} that are done with (delivered, handed to
     * another ISP, or failed): messages still waiting for their recipient's log-on are kept whatever their age.
     *
     * @return how many were removed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int forgetBefore(Instant before, int batch) {
        List<String> ids = em.createQuery("SELECT m.id FROM ImMessage m WHERE m.sentAt < :before AND m.status IN :done", String.class)
                .setParameter("before", before)
                .setParameter("done", List.of(ImMessage.Status.DELIVERED, ImMessage.Status.FORWARDED, ImMessage.Status.FAILED))
                .setMaxResults(batch).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM ImMessage m WHERE m.id IN :ids").setParameter("ids", ids).executeUpdate();
    }
}
