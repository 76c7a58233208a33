package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.control.SaslPrep;
import org.universalim.registration.control.Scram;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What the ISP's staff do with accounts: find users, disable and enable them, and set a new password.
 * A disabled user cannot log in on any protocol (see {@link AccountAuthenticator}) and is logged off at
 * once; a password reset logs the user off too, since the sessions were opened with the old password.
 */
@Stateless
public class AccountAdministration {

    @Inject
    KnownSubscribers known;

    public static final int MAX_PAGE = 100;

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    LocalRegistrar registrar;

    @Inject
    IspSettings isp;

    @Inject
    Event<AccountLocked> locked;

    @Inject
    Logger log;

    /**
     * Users whose name, full name, screen name or e-mail contains {@code query} (any case), by user name.
     * An empty query lists everybody.
     */
    public UserPage search(String query, int offset, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.length() > 100) {
            throw new InvalidRequestException("q", "a search has at most 100 characters");
        }
        int from = Math.max(0, offset);
        int size = limit <= 0 ? 25 : Math.min(limit, MAX_PAGE);
        String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = " WHERE LOWER(s.userName) LIKE :q ESCAPE '\\' OR LOWER(s.fullName) LIKE :q ESCAPE '\\'"
                + " OR LOWER(s.screenName) LIKE :q ESCAPE '\\' OR LOWER(s.email) LIKE :q ESCAPE '\\'";
        long total = em.createQuery("SELECT COUNT(s) FROM Subscriber s" + where, Long.class)
                .setParameter("q", pattern).getSingleResult();
        List<Subscriber> found = em.createQuery("SELECT s FROM Subscriber s" + where + " ORDER BY s.userName", Subscriber.class)
                .setParameter("q", pattern).setFirstResult(from).setMaxResults(size).getResultList();
        Map<String, int[]> devices = deviceCounts(found.stream().map(Subscriber::userName).toList());
        List<UserSummary> users = found.stream().map(s -> summary(s, devices.getOrDefault(s.userName(), new int[2]))).toList();
        return new UserPage(q, from, size, total, users);
    }

    public UserSummary summary(String userName) {
        Subscriber s = subscriber(userName);
        return summary(s, deviceCounts(List.of(s.userName())).getOrDefault(s.userName(), new int[2]));
    }

    /**
     * Creates an account, whatever the registration policy and its limits (the way in under {@code closed}).
     */
    public Account create(RegistrationRequest request) {
        Account account = registrar.create(request);
        log.info(() -> "administration: created the account " + account.userName());
        return account;
    }

    /** Disables the account and logs the user off everywhere. Disabling a disabled account changes nothing. */
    public UserSummary disable(String userName) {
        Subscriber s = subscriber(userName);
        if (!s.isDisabled()) {
            s.disable();
            locked.fire(new AccountLocked(s.userName(), "account disabled by the ISP"));
            log.info(() -> "administration: " + s.userName() + " disabled");
        }
        return summary(s.userName());
    }

    public UserSummary enable(String userName) {
        Subscriber s = subscriber(userName);
        if (s.isDisabled()) {
            s.enable();
            known.changing(s.userName()); // messages from other ISPs are taken again at once
            log.info(() -> "administration: " + s.userName() + " enabled");
        }
        return summary(s.userName());
    }

    /** Replaces the user's SCRAM credentials (SHA-256 and SHA-1) with ones for a new password. */
    public UserSummary resetPassword(String userName, PasswordReset reset) {
        String password = reset == null ? null : reset.password();
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw new InvalidRequestException("password", "a password has 8 to 128 characters");
        }
        try {
            SaslPrep.checkNew(password);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("password", e.getMessage());
        }
        Subscriber s = subscriber(userName);
        int iterations = isp.scramIterations();
        s.setCredentials(Scram.newCredential(ScramMechanism.SHA_256, password, iterations),
                Scram.newCredential(ScramMechanism.SHA_1, password, iterations));
        locked.fire(new AccountLocked(s.userName(), "password changed by the ISP"));
        log.info(() -> "administration: new password for " + s.userName());
        return summary(s.userName());
    }

    private Subscriber subscriber(String userName) {
        return registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
    }

    private UserSummary summary(Subscriber s, int[] devices) {
        UserId universal = s.universalAddress(isp.ispDomain(), isp.marker());
        return new UserSummary(s.userName(), s.localAddress(isp.ispDomain()).toString(),
                universal == null ? null : universal.toString(), s.isUniversal(), s.attributes().fullName(), s.screenName(),
                s.attributes().email(), s.isDisabled(), s.registeredAt(), devices[0], devices[1]);
    }

    /** Per user: registered devices and devices online. */
    private Map<String, int[]> deviceCounts(List<String> userNames) {
        Map<String, int[]> counts = new HashMap<>();
        if (userNames.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = em.createQuery("SELECT d.owner.userName, d.state FROM Device d WHERE d.owner.userName IN :names",
                Object[].class).setParameter("names", userNames).getResultList();
        for (Object[] row : rows) {
            int[] c = counts.computeIfAbsent((String) row[0], n -> new int[2]);
            c[0]++;
            if (!"OFFLINE".equals(String.valueOf(row[1]))) {
                c[1]++;
            }
        }
        return counts;
    }
}
