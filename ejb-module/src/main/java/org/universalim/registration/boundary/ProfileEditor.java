package org.universalim.registration.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.universalim.address.Precis;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.platform.NotFoundException;
import org.universalim.registration.entity.PersonalAttributes;
import org.universalim.registration.entity.Subscriber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * A user edits their own personal attributes (the Local protocol's {@code account.profile},
 * {@code PUT /api/v1/me/profile}, the web client): full name, screen name, e-mail and postal address, by the same
 * rules as at registration (names by the PRECIS Nickname profile). The billing reference stays the ISP's.
 */
@Stateless
public class ProfileEditor {

    @EJB
    LocalRegistrar registrar;

    @Inject
    Validator validator;

    @Inject
    Logger log;

    public Account update(String userName, ProfileUpdate update) {
        if (update == null) {
            throw new InvalidRequestException("profile", "the fields to change are required");
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<ProfileUpdate> v : validator.validate(update)) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        String fullName = nickname("fullName", "a full name", update.fullName(), errors);
        String screenName = nickname("screenName", "a screen name", update.screenName(), errors);
        if (update.fullName() != null && update.fullName().isBlank()) {
            errors.add(new FieldError("fullName", "a full name is required"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            throw new InvalidRequestException(errors);
        }
        Subscriber s = registrar.find(userName).orElseThrow(() -> new NotFoundException("no user '" + userName + "'"));
        PersonalAttributes now = s.attributes();
        s.update(new PersonalAttributes(
                fullName != null ? fullName : now.fullName(),
                change(update.postalAddress(), now.postalAddress()),
                now.billingReference(),
                update.screenName() == null ? now.screenName() : screenName,
                change(update.email(), now.email())));
        log.fine(() -> s.userName() + " edited their profile");
        return registrar.account(s.userName()).orElseThrow();
    }

    /** A name checked by the Nickname profile; null when left out or empty. */
    private static String nickname(String field, String what, String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Precis.nickname(raw);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, what + " " + e.getMessage()));
            return null;
        }
    }

    private static String change(String given, String current) {
        if (given == null) {
            return current;
        }
        return given.isBlank() ? null : given.strip();
    }
}
