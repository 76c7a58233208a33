package org.universalim.account.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.NotFoundException;
import org.universalim.privacy.boundary.BlockList;
import org.universalim.privacy.boundary.BlockView;
import org.universalim.privacy.boundary.PrivacyView;
import org.universalim.privacy.boundary.StrangerPolicies;
import org.universalim.registration.boundary.Account;
import org.universalim.registration.boundary.LocalRegistrar;
import org.universalim.roster.boundary.PendingRequest;
import org.universalim.roster.boundary.RosterEntry;
import org.universalim.roster.boundary.RosterService;
import org.universalim.routing.boundary.HistoryItem;
import org.universalim.routing.entity.ImMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

/**
 * "Export my data" (the Local protocol's {@code account.export}, {@code GET /api/v1/me/export}, the web client): the
 * account with its personal attributes, the roster and the requests waiting for the user, the block list and privacy
 * choices, and the history of every conversation, oldest first, in pages.
 */
@Stateless
public class DataExport {

    /** Messages of one page of the history. */
    public static final int PAGE = 1_000;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @EJB
    RosterService roster;

    @EJB
    BlockList blocks;

    @EJB
    StrangerPolicies policies;

    @Inject
    Clock clock;

    /** Everything but the history. */
    public record Profile(Instant exportedAt, Account account, List<RosterEntry> roster, List<PendingRequest> pending,
                          List<BlockView> blocks, PrivacyView privacy) {
    }

    public Profile profile(String userName) {
        Account account = registrar.account(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        String user = account.userName();
        return new Profile(clock.instant(), account, roster.roster(user), roster.pendingRequests(user), blocks.list(user),
                policies.view(user));
    }

    /** A page of every message the user sent or received, oldest first. */
    public List<HistoryItem> history(String userName, int page) {
        return em.createQuery("SELECT m FROM ImMessage m WHERE m.senderUser = :user OR m.recipientUser = :user "
                        + "ORDER BY m.sentAt, m.sequence, m.id", ImMessage.class)
                .setParameter("user", userName).setFirstResult(Math.max(0, page) * PAGE).setMaxResults(PAGE)
                .getResultStream()
                .map(m -> new HistoryItem(m.id(), m.sender().toString(), m.recipient().toString(), userName.equals(m.senderUser()), m.application(),
                        m.securityLevel(), m.body(), m.sentAt(), m.status().name().toLowerCase(java.util.Locale.ROOT), m.format()))
                .toList();
    }
}
