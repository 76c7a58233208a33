package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.universalim.platform.ConflictException;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.IspSettings;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.control.SaslPrep;
import org.universalim.registration.control.Scram;
import org.universalim.registration.control.ScramMechanism;
import org.universalim.address.InvalidAddressException;
import org.universalim.registration.entity.PersonalAttributes;
import org.universalim.address.Precis;
import org.universalim.registration.entity.Subscriber;
import org.universalim.address.UserId;
import org.universalim.address.UserNames;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Local IM server's part of registration (420, FIG. 5): takes a request for a new USERID, has the
 * Universal IM server validate and assign it, stores the subscriber, and for a universal user has the
 * Universal IM server enter it in its directory. Also upgrades local-only users (R9).
 */
@Stateless
public class LocalRegistrar {

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @EJB
    UniversalRegistrar universal;

    @Inject
    IspSettings isp;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    @Inject
    Event<UserRegistered> registered;

    @Inject
    Event<UserUpgraded> upgraded;

    @Inject
    Logger log;

    @Inject
    RegistrationPolicy policy;

    @Inject
    RegistrationThrottle throttle;

    /**
     * Registers a new user at a door that carries no invitation and no client address (XMPP in-band registration,
     * until its XEP-0077 handler goes through {@link RegistrationDesk}): the ISP's policy must be {@code open}, and
     * the global rate limit applies.
     *
     * @throws InvalidRequestException with one entry per refused field
     * @throws ConflictException       {@code name_taken} when the name is in use; a {@code ForbiddenException} or
     *                                 {@code TooManyRequestsException} when the policy or the limits refuse it
     */
    public Account register(RegistrationRequest request) {
        policy.admit(null);
        RegistrationThrottle.Ticket ticket = throttle.admit(null);
        try {
            return create(request);
        } catch (RuntimeException refused) {
            throttle.release(ticket);
            throw refused;
        }
    }

    /**
     * Registers a new user the ISP's policy admitted ({@link RegistrationDesk}) or the administrator creates.
     *
     * @throws InvalidRequestException with one entry per refused field
     * @throws ConflictException       {@code name_taken} when the name is in use (or kept after its account was deleted)
     */
    public Account create(RegistrationRequest request) {
        if (request == null) {
            throw new InvalidRequestException("request", "a registration request is required");
        }
        String name = checked(request);
        UserId assigned = universal.assignUserId(name);

        Instant now = clock.instant();
        Subscriber subscriber = new Subscriber(name, attributes(request), zone(request.timeZone()), now);
        int iterations = isp.scramIterations();
        subscriber.setCredentials(
                Scram.newCredential(ScramMechanism.SHA_256, request.password(), iterations),
                Scram.newCredential(ScramMechanism.SHA_1, request.password(), iterations));
        em.persist(subscriber);
        try {
            em.flush();
        } catch (PersistenceException raced) {
            // another registration took the name between our check and our insert
            throw new ConflictException("name_taken", "the name '" + name + "' is taken");
        }
        if (request.universal()) {
            universal.enrol(subscriber, now);
        }
        UserId universalAddress = request.universal() ? isp.universalAddress(name) : null;
        registered.fire(new UserRegistered(name, assigned, universalAddress, now));
        log.info(() -> "Local IM server: registered " + assigned + (request.universal() ? " (universal)" : ""));
        return account(subscriber);
    }

    /**
     * Makes a local-only user universal, keeping the account, its contacts and history (R9). A user who
     * is already universal is returned unchanged.
     */
    public Account upgrade(String userName) {
        Subscriber subscriber = find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        Instant now = clock.instant();
        if (universal.enrol(subscriber, now)) {
            upgraded.fire(new UserUpgraded(subscriber.userName(), isp.localAddress(subscriber.userName()),
                    isp.universalAddress(subscriber.userName()), now));
            log.info(() -> "Local IM server: upgraded " + subscriber.userName() + " to universal");
        }
        return account(subscriber);
    }

    public Optional<Account> account(String userName) {
        return find(userName).map(this::account);
    }

    public Optional<PublicProfile> publicProfile(String userName) {
        return account(userName).map(Account::publicProfile);
    }

    /** The subscriber with this name (any case); empty for a malformed or unknown name. */
    public Optional<Subscriber> find(String userName) {
        return UserNames.normalized(userName).flatMap(name -> em.createNamedQuery(Subscriber.BY_NAME, Subscriber.class)
                .setParameter("name", name).getResultStream().findFirst());
    }

    Account account(Subscriber s) {
        UserId universalAddress = s.universalAddress(isp.ispDomain(), isp.marker());
        return new Account(s.userName(), s.localAddress(isp.ispDomain()).toString(),
                universalAddress == null ? null : universalAddress.toString(), s.isUniversal(),
                s.attributes(), s.timeZone(), s.registeredAt(), s.universalSince());
    }

    /** Checks every field and answers the normalised name, or throws with all the problems at once. */
    private String checked(RegistrationRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<RegistrationRequest> v : validator.validate(request)) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        String name = null;
        if (request.userName() != null && !request.userName().isBlank()) {
            try {
                name = UserNames.normalizeNew(request.userName());
            } catch (InvalidAddressException e) {
                errors.add(new FieldError("userName", e.getMessage()));
            }
        }
        if (request.timeZone() != null && !request.timeZone().isBlank()) {
            try {
                ZoneId.of(request.timeZone().strip());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "not a time zone: use a name such as Europe/Paris"));
            }
        }
        if (request.password() != null && request.password().length() >= 8) {
            try {
                SaslPrep.checkNew(request.password());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("password", e.getMessage()));
            }
        }
        // what other users see of the user: the PRECIS Nickname profile (RFC 8266), no controls or bidi overrides
        if (request.fullName() != null && !request.fullName().isBlank()) {
            checkNickname("fullName", "a full name", request.fullName(), errors);
        }
        if (request.screenName() != null && !request.screenName().isBlank()) {
            checkNickname("screenName", "a screen name", request.screenName(), errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            throw new InvalidRequestException(errors);
        }
        return name;
    }

    private static void checkNickname(String field, String what, String raw, List<FieldError> errors) {
        try {
            Precis.nickname(raw);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, what + " " + e.getMessage()));
        }
    }

    private static PersonalAttributes attributes(RegistrationRequest r) {
        String screenName = r.screenName() == null || r.screenName().isBlank() ? null : Precis.nickname(r.screenName());
        return new PersonalAttributes(Precis.nickname(r.fullName()), blankToNull(r.postalAddress()),
                blankToNull(r.billingReference()), screenName, blankToNull(r.email()));
    }

    private static String zone(String timeZone) {
        return timeZone == null || timeZone.isBlank() ? "UTC" : ZoneId.of(timeZone.strip()).getId();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
