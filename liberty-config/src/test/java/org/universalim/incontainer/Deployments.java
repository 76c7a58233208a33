package org.universalim.incontainer;

import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The archive the in-container tests run in: the session beans, the entities and the persistence unit. */
final class Deployments {

    /** The libraries the application ships in the EAR's lib/ besides its own jar: Liquibase and its dependencies, Caffeine, PRECIS and SASLprep. */
    private static final List<String> APPLICATION_LIBRARIES = List.of("/org/liquibase/", "/org/yaml/snakeyaml/",
            "/com/opencsv/", "/org/apache/commons/", "/commons-io/", "/commons-beanutils/", "/commons-logging/", "/commons-collections/",
            "/javax/xml/bind/", "/javax/activation/", "/com/github/ben-manes/caffeine/", "/rocks/xmpp/precis/", "/com/ongres/");

    private Deployments() {
    }

    static WebArchive beansAndEntities(String name, Class<?>... tests) {
        WebArchive archive = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackages(true, "org.universalim.address", "org.universalim.platform", "org.universalim.registration", "org.universalim.presence",
                        "org.universalim.routing", "org.universalim.roster", "org.universalim.cluster", "org.universalim.federation",
                        "org.universalim.monitoring", "org.universalim.profile", "org.universalim.privacy", "org.universalim.account")
                .addClasses(tests)
                .addAsLibraries(jarOf(Assertions.class), jarOf(org.awaitility.Awaitility.class),
                        jarOf(org.hamcrest.Matcher.class))
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("db/changelog.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        for (String change : changeFiles()) {
            archive.addAsResource(change);
        }
        applicationLibraries().forEach(archive::addAsLibrary);
        return archive;
    }

    /** The files db/changelog.xml includes. */
    private static List<String> changeFiles() {
        try (InputStream in = Deployments.class.getResourceAsStream("/db/changelog.xml")) {
            String changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Pattern.compile("<include file=\"([^\"]+)\"").matcher(changelog).results().map(m -> m.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<File> applicationLibraries() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> APPLICATION_LIBRARIES.stream().anyMatch(entry::contains))
                .map(File::new)
                .toList();
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
