package org.universalim.registration.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The ISP's registration policy and limits, and how long a deleted account's name is kept (server.xml variables). */
@ApplicationScoped
public class RegistrationSettings {

    /** Who may register: anybody, holders of an invitation, or only the administrator (who creates accounts). */
    public enum Policy { OPEN, INVITE, CLOSED }

    @Inject
    @ConfigProperty(name = "registration.policy", defaultValue = "open")
    String policyText;

    @Inject
    @ConfigProperty(name = "registration.invitations.by.users", defaultValue = "false")
    boolean invitationsByUsers;

    @Inject
    @ConfigProperty(name = "registration.invitation.days", defaultValue = "7")
    int invitationDays;

    @Inject
    @ConfigProperty(name = "registration.limit.per.address", defaultValue = "5")
    int limitPerAddress;

    @Inject
    @ConfigProperty(name = "registration.limit.global", defaultValue = "100")
    int limitGlobal;

    @Inject
    @ConfigProperty(name = "registration.limit.window.seconds", defaultValue = "3600")
    long limitWindowSeconds;

    @Inject
    @ConfigProperty(name = "account.name.grace.days", defaultValue = "180")
    int nameGraceDays;

    @Inject
    Logger log;

    private Policy policy = Policy.OPEN;

    @PostConstruct
    void read() {
        try {
            policy = Policy.valueOf(policyText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // failing closed: a typo must not open registration to everybody
            policy = Policy.CLOSED;
            log.log(Level.SEVERE, "registration.policy ''{0}'' is not open, invite or closed: registration is closed",
                    policyText);
        }
    }

    public Policy policy() {
        return policy;
    }

    /** Whether users (not only the administrator) may make invitations. */
    public boolean invitationsByUsers() {
        return invitationsByUsers;
    }

    /** How long an invitation may be used, when its maker gives no time. */
    public Duration invitationValidity() {
        return Duration.ofDays(Math.max(1, invitationDays));
    }

    /** Registrations from one client address per window; 0 or less for no limit. */
    public int limitPerAddress() {
        return limitPerAddress;
    }

    /** Registrations from all addresses together per window; 0 or less for no limit. */
    public int limitGlobal() {
        return limitGlobal;
    }

    public Duration limitWindow() {
        return Duration.ofSeconds(Math.max(1, limitWindowSeconds));
    }

    /** How long the name of a deleted account cannot be registered again. */
    public Duration nameGrace() {
        return Duration.ofDays(Math.max(0, nameGraceDays));
    }
}
