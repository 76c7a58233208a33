package org.universalim.privacy.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.universalim.platform.InvalidRequestException;
import org.universalim.privacy.control.PrivacySettings;
import org.universalim.privacy.entity.PrivacyChoice;
import org.universalim.privacy.entity.StrangerPolicy;

import java.time.Clock;
import java.util.Optional;

/**
 * What a user accepts from strangers (senders not on the user's roster): {@code allow}, {@code no_offline}
 * (delivered to a device that takes it now, never stored for later) or {@code refuse}; {@code default} (or
 * nothing) follows the ISP's setting {@code privacy.strangers.default}.
 */
@Stateless
public class StrangerPolicies {

    /** The choice that hands the decision back to the ISP. */
    public static final String DEFAULT = "default";

    @PersistenceContext(unitName = "universal-im")
    EntityManager em;

    @Inject
    PrivacySettings settings;

    @Inject
    PrivacyGate gate;

    @Inject
    Clock clock;

    public PrivacyView view(String userName) {
        Optional<StrangerPolicy> own = choice(userName);
        StrangerPolicy isp = settings.strangersDefault();
        return new PrivacyView(own.orElse(isp).wireName(), own.map(StrangerPolicy::wireName).orElse(null), isp.wireName());
    }

    /** The user's own choice, if any. */
    public Optional<StrangerPolicy> choice(String userName) {
        return Optional.ofNullable(em.find(PrivacyChoice.class, userName)).map(PrivacyChoice::strangers);
    }

    /**
     * Sets what the user accepts from strangers: {@code allow}, {@code no_offline}, {@code refuse}, or
     * {@code default}.
     */
    public PrivacyView choose(String userName, String strangers) {
        if (strangers == null || strangers.isBlank()) {
            throw new InvalidRequestException("strangers", "\"strangers\" is allow, no_offline, refuse or default");
        }
        PrivacyChoice current = em.find(PrivacyChoice.class, userName);
        if (DEFAULT.equalsIgnoreCase(strangers.strip())) {
            if (current != null) {
                em.remove(current);
            }
        } else {
            StrangerPolicy policy;
            try {
                policy = StrangerPolicy.parse(strangers);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("strangers", e.getMessage() + " (or default)");
            }
            if (current == null) {
                em.persist(new PrivacyChoice(userName, policy, clock.instant()));
            } else {
                current.choose(policy, clock.instant());
            }
        }
        gate.changing(userName);
        return view(userName);
    }
}
