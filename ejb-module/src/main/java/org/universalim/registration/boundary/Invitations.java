package org.universalim.registration.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.ConflictException;
import org.universalim.platform.ForbiddenException;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.control.RegistrationSettings;
import org.universalim.registration.entity.Invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * One-time invitations to register (registration policy {@code invite}): the administrator makes them (the console,
 * {@code /api/v1/admin/invitations}), and users too when {@code registration.invitations.by.users} is true. A token
 * is 192 random bits, shown once; a registration that names it uses it up in its own transaction, so a token works
 * exactly once even when two registrations race with it.
 */
@Stateless
public class Invitations {

    /** Open invitations a user may have at once. */
    public static final int MAX_OPEN_PER_USER = 10;
    /** Invitations listed at most. */
    static final int LIST_MAX = 500;
    public static final String INVALID = "invitation_invalid";

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    RegistrationSettings settings;

    @Inject
    IspSettings isp;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    /** The administrator makes an invitation. */
    public InvitationView createByAdministrator(InvitationRequest request) {
        return create(Invitation.ADMINISTRATOR, request);
    }

    /**
     * A user makes an invitation.
     *
     * @throws ForbiddenException {@code forbidden} unless the ISP lets users invite
     * @throws ConflictException  {@code too_many_invitations} beyond {@value #MAX_OPEN_PER_USER} open ones
     */
    public InvitationView createByUser(String userName, InvitationRequest request) {
        if (!settings.invitationsByUsers()) {
            throw new ForbiddenException("forbidden", "only the ISP's administrator makes invitations here");
        }
        Instant now = clock.instant();
        long open = em.createQuery("SELECT COUNT(i) FROM Invitation i WHERE i.createdBy = :creator AND i.usedAt IS NULL "
                + "AND i.expiresAt > :now", Long.class).setParameter("creator", userName).setParameter("now", now).getSingleResult();
        if (open >= MAX_OPEN_PER_USER) {
            throw new ConflictException("too_many_invitations", "you have " + open + " unused invitations: wait until they are "
                    + "used or expire");
        }
        return create(userName, request);
    }

    /** Every invitation, newest first (at most {@value #LIST_MAX}). */
    public List<InvitationView> all() {
        Instant now = clock.instant();
        return em.createNamedQuery(Invitation.ALL, Invitation.class).setMaxResults(LIST_MAX).getResultStream()
                .map(i -> view(i, null, now)).toList();
    }

    /** The invitations a user made, newest first. */
    public List<InvitationView> madeBy(String userName) {
        Instant now = clock.instant();
        return em.createNamedQuery(Invitation.BY_CREATOR, Invitation.class).setParameter("creator", userName)
                .setMaxResults(LIST_MAX).getResultStream().map(i -> view(i, null, now)).toList();
    }

    /** Withdraws an invitation (the administrator any, a user their own). */
    public void revoke(String id, String requiredCreator) {
        Invitation invitation = id == null ? null : em.find(Invitation.class, id);
        if (invitation == null || requiredCreator != null && !requiredCreator.equals(invitation.createdBy())) {
            throw new NotFoundException("no invitation '" + id + "'");
        }
        em.remove(invitation);
    }

    /**
     * Takes an invitation for a registration in the caller's transaction (locked until it ends, so no other
     * registration takes it meanwhile); {@link #usedBy} records the new user.
     *
     * @throws ForbiddenException {@value #INVALID} for an unknown, used or expired token
     */
    public Invitation claim(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw invalid();
        }
        Invitation invitation = em.createNamedQuery(Invitation.BY_TOKEN_HASH, Invitation.class)
                .setParameter("hash", hash(token.strip())).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElseThrow(Invitations::invalid);
        if (!invitation.usableAt(clock.instant())) {
            throw invalid();
        }
        return invitation;
    }

    /** Whether a token names an invitation that can be used now (XEP-0401's pre-authentication, before registering). */
    public boolean usable(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return false;
        }
        return em.createNamedQuery(Invitation.BY_TOKEN_HASH, Invitation.class).setParameter("hash", hash(token.strip()))
                .getResultStream().findFirst().filter(i -> i.usableAt(clock.instant())).isPresent();
    }

    /** Records who registered with a claimed invitation. */
    public void usedBy(Invitation invitation, String userName) {
        em.find(Invitation.class, invitation.id()).usedBy(userName, clock.instant());
        log.info(() -> "invitation " + invitation.id() + " of " + invitation.createdBy() + " used by " + userName);
    }

    /** The invitations a deleted user made and nobody used go with the account. */
    public void forgetOpenOf(String userName) {
        em.createQuery("DELETE FROM Invitation i WHERE i.createdBy = :creator AND i.usedAt IS NULL")
                .setParameter("creator", userName).executeUpdate();
    }

    private InvitationView create(String createdBy, InvitationRequest request) {
        Duration valid = settings.invitationValidity();
        if (request != null && request.validDays() != null) {
            if (request.validDays() < 1 || request.validDays() > 365) {
                throw new InvalidRequestException("validDays", "an invitation is valid for 1 to 365 days");
            }
            valid = Duration.ofDays(request.validDays());
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[8];
        RANDOM.nextBytes(idBytes);
        Instant now = clock.instant();
        Invitation invitation = new Invitation(HexFormat.of().formatHex(idBytes), hash(token), createdBy, now, now.plus(valid));
        em.persist(invitation);
        log.info(() -> "invitation " + invitation.id() + " made by " + createdBy + ", valid until " + invitation.expiresAt());
        return view(invitation, token, now);
    }

    private InvitationView view(Invitation i, String token, Instant now) {
        String state = i.usedAt() != null ? "used" : i.usableAt(now) ? "open" : "expired";
        String uri = token == null ? null : "xmpp:" + isp.universalDomain() + "?register;preauth=" + token;
        return new InvitationView(i.id(), state, token, uri, i.createdBy(), i.createdAt(), i.expiresAt(), i.usedAt(), i.usedBy());
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ForbiddenException invalid() {
        return new ForbiddenException(INVALID, "this invitation is unknown, used or expired: ask for a new one");
    }
}
