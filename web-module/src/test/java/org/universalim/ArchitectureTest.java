package org.universalim;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.address.UniversalMarker;
import org.universalim.address.UserId;
import org.universalim.clientprotocol.local.LocalEndpoint;
import org.universalim.registration.boundary.AddressDisplay;
import org.universalim.routing.boundary.MessageService;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code, checked over the compiled classes of jpa-model, ejb-module and web-module: the
 * domains (the first package under {@code org.universalim}) depend on each other without cycles, so each can
 * be read and changed from the bottom up; the session beans never reach into the web module; routing never
 * sees the WebSocket API (sessions are behind {@code ClientSession}); and the cluster only reports.
 *
 * <p>The order from the bottom: {@code address} (the shared kernel: user ids, domains, the universal marker),
 * {@code platform}, {@code cluster}, {@code registration}, {@code presence}, {@code roster}, {@code routing},
 * {@code federation}, {@code monitoring}, then the web module's {@code clientprotocol} and its shell
 * ({@code platform.admin}, {@code platform.rest}, ...: the application's door, which sees every domain).
 */
class ArchitectureTest {

    static JavaClasses all;
    static Set<String> ejbClasses;
    static Set<String> webClasses;

    @BeforeAll
    static void importClasses() {
        URL jpa = locationOf(UserId.class);
        URL ejb = locationOf(MessageService.class);
        URL web = locationOf(LocalEndpoint.class);
        ClassFileImporter importer = new ClassFileImporter();
        all = importer.importUrls(List.of(jpa, ejb, web));
        ejbClasses = names(importer.importUrl(ejb));
        webClasses = names(importer.importUrl(web));
    }

    @Test
    void theImportFoundEveryModule() {
        assertThat(ejbClasses).contains(MessageService.class.getName()).hasSizeGreaterThan(100);
        assertThat(webClasses).contains(LocalEndpoint.class.getName()).hasSizeGreaterThan(30);
        assertThat(all.contain(UserId.class)).isTrue();
    }

    @Test
    void domainsHaveNoCycles() {
        ArchRule rule = slices().assignedFrom(new DomainSlices()).should().beFreeOfCycles();
        rule.check(all);
    }

    @Test
    void sessionBeansNeverUseTheWebModule() {
        noClasses().that(in("ejb-module", ejbClasses)).should().dependOnClassesThat(in("web-module", webClasses)).check(all);
    }

    @Test
    void routingNeverSeesTheWebSocketApi() {
        noClasses().that().resideInAPackage("org.universalim.routing..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.websocket..").check(all);
    }

    @Test
    void theClusterOnlyReportsAndKnowsNoDomain() {
        noClasses().that().resideInAPackage("org.universalim.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("org.universalim.registration..", "org.universalim.presence..",
                        "org.universalim.roster..", "org.universalim.routing..", "org.universalim.federation..",
                        "org.universalim.monitoring..", "org.universalim.clientprotocol..")
                .check(all);
    }

    @Test
    void theAddressKernelStandsAlone() {
        noClasses().that().resideInAPackage("org.universalim.address..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.universalim.address..", "java..", "jakarta.persistence..",
                        // the PRECIS profiles (RFC 8264) that define what a user name is
                        "rocks.xmpp.precis..")
                .check(all);
    }

    @Test
    void entitiesParseNoAddress() {
        // an address column is read by UserIdConverter (or an entity's typed reader), never parsed again in an entity
        noClasses().that().resideInAPackage("org.universalim..entity..")
                .should().callMethod(UserId.class, "parse", String.class).check(all);
    }

    @Test
    void onlyEntitiesAndTheConverterReadAStoredAddress() {
        noClasses().that().resideOutsideOfPackages("org.universalim.address..", "org.universalim..entity..")
                .should().callMethod(UserId.class, "fromStored", String.class).check(all);
    }

    @Test
    void oneClassDecidesHowAnAddressIsKeptAndShown() {
        noClasses().that().resideOutsideOfPackage("org.universalim.address..")
                .and().doNotHaveFullyQualifiedName(AddressDisplay.class.getName())
                .should().callMethod(UserId.class, "toLocal", UniversalMarker.class).check(all);
    }

    /**
     * A class's domain is the first package under {@code org.universalim}; the web module's
     * {@code platform.<x>} packages (the REST application, its error mappers, security, health, the console's
     * API) are the door above every domain, each a slice of its own.
     */
    static final class DomainSlices implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("org.universalim.")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = name.substring("org.universalim.".length()).split("\\.");
            if (parts[0].equals("platform") && parts.length > 1 && webClasses.contains(javaClass.getName())) {
                return SliceIdentifier.of("platform." + parts[1] + " (web)");
            }
            return SliceIdentifier.of(parts[0]);
        }

        @Override
        public String getDescription() {
            return "domains of org.universalim";
        }
    }

    private static DescribedPredicate<JavaClass> in(String module, Set<String> names) {
        return DescribedPredicate.describe("classes of " + module, c -> names.contains(c.getName()));
    }

    private static Set<String> names(JavaClasses classes) {
        return classes.stream().map(JavaClass::getName).collect(Collectors.toSet());
    }

    private static URL locationOf(Class<?> type) {
        URL url = type.getProtectionDomain().getCodeSource().getLocation();
        try {
            assertThat(Path.of(url.toURI())).exists();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }
}
