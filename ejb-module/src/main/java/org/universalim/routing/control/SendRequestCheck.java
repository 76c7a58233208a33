package org.universalim.routing.control;

import org.universalim.address.UserId;
import org.universalim.platform.FieldError;
import org.universalim.platform.InvalidRequestException;
import org.universalim.presence.control.Applications;
import org.universalim.presence.control.MessageRequirements;
import org.universalim.presence.entity.SecurityLevel;
import org.universalim.routing.entity.ImMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The input checks of a message a local user sends, whatever the protocol: a recipient address, a body
 * within the limit, a known application type (R14), a security level from 0 to 3 (R4), the client's own id if it
 * gave one. Every refused field
 * is named at once.
 */
public final class SendRequestCheck {

    private SendRequestCheck() {
    }

    /** A message's checked fields: its recipient, parsed, and its application type, normalised. */
    public record Checked(UserId to, String application) {
    }

    /**
     * Checks a message's fields.
     *
     * @return the recipient and the application type, normalised ({@code text} when none is given)
     * @throws InvalidRequestException naming every refused field
     */
    public static Checked checked(String to, String body, String application, int securityLevel) {
        return checked(to, body, application, securityLevel, null);
    }

    /**
     * Checks a message's fields, with the id its client gave it (at most {@value ImMessage#MAX_CLIENT_ID} characters,
     * no control characters; null when none).
     *
     * @return the recipient and the application type, normalised ({@code text} when none is given)
     * @throws InvalidRequestException naming every refused field
     */
    public static Checked checked(String to, String body, String application, int securityLevel, String clientId) {
        return checked(to, body, application, securityLevel, clientId, false);
    }

    /**
     * Checks a message's fields; {@code extended} (it carries extension elements: a chat state, a marker...) lets its
     * body be empty.
     */
    public static Checked checked(String to, String body, String application, int securityLevel, String clientId,
                                 boolean extended) {
        List<FieldError> errors = new ArrayList<>();
        try {
            MessageIds.clientId(clientId, ImMessage.MAX_CLIENT_ID);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("clientId", e.getMessage()));
        }
        UserId recipient = null;
        if (to == null || to.isBlank()) {
            errors.add(new FieldError("to", "a recipient is required"));
        } else {
            try {
                recipient = UserId.parse(to);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("to", e.getMessage()));
            }
        }
        if (body == null || body.isEmpty() && !extended) {
            errors.add(new FieldError("body", "a message has a body"));
        } else if (body.length() > ImMessage.MAX_BODY) {
            errors.add(new FieldError("body", "a message has at most " + ImMessage.MAX_BODY + " characters"));
        }
        String normalized = MessageRequirements.TEXT;
        if (application != null && !application.isBlank()) {
            try {
                normalized = Applications.normalize(application);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("application", e.getMessage()));
            }
        }
        if (securityLevel < SecurityLevel.MIN || securityLevel > SecurityLevel.MAX) {
            errors.add(new FieldError("securityLevel", "a security level is from 0 (public) to 3 (confidential)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Checked(recipient, normalized);
    }
}
