package org.universalim.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.universalim.address.Domains;
import org.universalim.address.UniversalMarker;
import org.universalim.address.UserId;

/**
 * Who this ISP is and how its addresses look, from the server.xml variables (each overridable from the
 * environment, e.g. {@code ISP_DOMAIN}).
 */
@ApplicationScoped
public class IspSettings {

    /** The fewest PBKDF2 iterations a stored password may have (RFC 7677 asks for at least 4096). */
    public static final int MIN_SCRAM_ITERATIONS = 4096;

    @Inject
    @ConfigProperty(name = "isp.domain", defaultValue = "isp-a.example")
    String configuredDomain;

    @Inject
    @ConfigProperty(name = "universal.marker", defaultValue = "-u")
    String markerText;

    @Inject
    @ConfigProperty(name = "universal.marker.position", defaultValue = "suffix")
    String markerPosition;

    @Inject
    @ConfigProperty(name = "node.name", defaultValue = "node1")
    String nodeName;

    @Inject
    @ConfigProperty(name = "scram.iterations", defaultValue = "4096")
    int scramIterations;

    private String ispDomain;
    private UniversalMarker marker;
    private String universalDomain;

    @PostConstruct
    void check() {
        ispDomain = Domains.normalize(configuredDomain);
        marker = UniversalMarker.of(markerText, markerPosition);
        universalDomain = marker.universalDomainOf(ispDomain);
        if (scramIterations < MIN_SCRAM_ITERATIONS) {
            throw new IllegalStateException("scram.iterations is at least " + MIN_SCRAM_ITERATIONS);
        }
    }

    /** Settings as configured, for tests and tools that run without the container. */
    public static IspSettings of(String domain, String marker, String markerPosition, String nodeName) {
        IspSettings settings = new IspSettings();
        settings.configuredDomain = domain;
        settings.markerText = marker;
        settings.markerPosition = markerPosition;
        settings.nodeName = nodeName;
        settings.scramIterations = MIN_SCRAM_ITERATIONS;
        settings.check();
        return settings;
    }

    /** The ISP domain of the Local IM server, e.g. {@code isp-a.example}. */
    public String ispDomain() {
        return ispDomain;
    }

    /** The domain of this ISP's Universal IM server, e.g. {@code isp-a-u.example}. */
    public String universalDomain() {
        return universalDomain;
    }

    public UniversalMarker marker() {
        return marker;
    }

    public String nodeName() {
        return nodeName;
    }

    public int scramIterations() {
        return scramIterations;
    }

    /** Whether an address belongs to this ISP, at either of its domains. */
    public boolean isLocal(UserId id) {
        return id.isLocalTo(ispDomain, marker);
    }

    public UserId localAddress(String userName) {
        return UserId.of(userName, ispDomain);
    }

    public UserId universalAddress(String userName) {
        return UserId.of(userName, universalDomain);
    }
}
