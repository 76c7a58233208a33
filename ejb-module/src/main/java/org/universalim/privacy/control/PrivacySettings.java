package org.universalim.privacy.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.privacy.entity.StrangerPolicy;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The ISP's privacy settings (server.xml variables). */
@ApplicationScoped
public class PrivacySettings {

    @Inject
    @ConfigProperty(name = "privacy.strangers.default", defaultValue = "allow")
    String strangersDefault;

    @Inject
    Logger log;

    private StrangerPolicy defaultPolicy = StrangerPolicy.ALLOW;

    @PostConstruct
    void read() {
        try {
            defaultPolicy = StrangerPolicy.parse(strangersDefault);
        } catch (IllegalArgumentException e) {
            log.log(Level.SEVERE, "privacy.strangers.default ''{0}'' is not allow, no_offline or refuse: allow applies",
                    strangersDefault);
        }
    }

    /** What users who chose nothing accept from strangers. */
    public StrangerPolicy strangersDefault() {
        return defaultPolicy;
    }
}
