package org.universalim.incontainer;

import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/** The archive the in-container tests run in: the session beans, the entities and the persistence unit. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive beansAndEntities(String name, Class<?>... tests) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackages(true, "org.universalim.platform", "org.universalim.registration", "org.universalim.presence")
                .addClasses(tests)
                .addAsLibraries(jarOf(Assertions.class), jarOf(org.awaitility.Awaitility.class),
                        jarOf(org.hamcrest.Matcher.class))
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The jar a class was loaded from, to ship a test library with the archive. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
