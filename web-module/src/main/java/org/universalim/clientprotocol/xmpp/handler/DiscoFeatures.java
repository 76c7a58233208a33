package org.universalim.clientprotocol.xmpp.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The disco#info features (XEP-0030) of the server and of a user account: exactly what the handlers and
 * extensions found through CDI declare ({@link ServerFeatures}), sorted, gathered once.
 */
@ApplicationScoped
public class DiscoFeatures {

    @Inject
    Instance<ServerFeatures> discovered;

    private volatile List<String> server;
    private volatile List<String> account;

    /** The features over these providers (tests). */
    public static DiscoFeatures of(Iterable<? extends ServerFeatures> providers) {
        DiscoFeatures features = new DiscoFeatures();
        features.server = gather(providers, ServerFeatures::serverFeatures);
        features.account = gather(providers, ServerFeatures::accountFeatures);
        return features;
    }

    public List<String> server() {
        List<String> s = server;
        if (s == null) {
            s = server = gather(discovered, ServerFeatures::serverFeatures);
        }
        return s;
    }

    public List<String> account() {
        List<String> a = account;
        if (a == null) {
            a = account = gather(discovered, ServerFeatures::accountFeatures);
        }
        return a;
    }

    private static List<String> gather(Iterable<? extends ServerFeatures> providers, Function<ServerFeatures, List<String>> which) {
        TreeSet<String> features = new TreeSet<>();
        for (ServerFeatures p : providers) {
            features.addAll(which.apply(p));
        }
        return List.copyOf(features);
    }
}
