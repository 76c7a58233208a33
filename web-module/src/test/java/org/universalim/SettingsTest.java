package org.universalim;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.universalim.address.UserId;
import org.universalim.clientprotocol.local.LocalEndpoint;
import org.universalim.routing.boundary.MessageService;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting has one source, its {@code <variable defaultValue>} in server.xml (or the database file it includes): the code reads it (a
 * {@code @ConfigProperty} default, where one is written, must say the same), and the README's configuration
 * table lists it with that default. Drift between the three fails the build.
 */
class SettingsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern VARIABLE = Pattern.compile("<variable\\s+name=\"([^\"]+)\"\\s+defaultValue=\"([^\"]*)\"");
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+) \\| [^|]* \\| ([^|]*) \\|");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    static Map<String, String> variables;
    static Map<String, String> readme;
    static Map<String, List<String>> annotated;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        variables = new LinkedHashMap<>();
        Path config = ROOT.resolve("liberty-config/src/main/liberty/config");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(config)) {
            files = walk.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path file : files) {
            Matcher m = VARIABLE.matcher(Files.readString(file));
            while (m.find()) {
                variables.put(m.group(1), m.group(2));
            }
        }
        readme = readmeTable(Files.readAllLines(ROOT.resolve("README.md")));
        annotated = new LinkedHashMap<>();
        JavaClasses classes = new ClassFileImporter().importUrls(List.of(
                UserId.class.getProtectionDomain().getCodeSource().getLocation(),
                MessageService.class.getProtectionDomain().getCodeSource().getLocation(),
                LocalEndpoint.class.getProtectionDomain().getCodeSource().getLocation()));
        classes.forEach(c -> {
            for (JavaField field : c.getFields()) {
                field.tryGetAnnotationOfType(ConfigProperty.class.getName()).ifPresent(a -> record(a));
            }
        });
    }

    private static void record(JavaAnnotation<?> property) {
        String name = (String) property.get("name").orElse("");
        String fallback = (String) property.get("defaultValue").orElse(ConfigProperty.UNCONFIGURED_VALUE);
        annotated.computeIfAbsent(name, n -> new ArrayList<>()).add(fallback);
    }

    /** The configuration table's rows: {@code `a` / `b`} in the first column, {@code `1` / `2`} in the third. */
    static Map<String, String> readmeTable(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String[] names = row.group(1).split(" / ");
            String[] defaults = row.group(2).trim().split(" / ");
            for (int i = 0; i < names.length; i++) {
                String name = names[i].trim().replace("`", "");
                String given = defaults.length == names.length ? defaults[i].trim() : row.group(2).trim();
                Matcher code = CODE.matcher(given);
                rows.put(name, code.find() ? code.group(1) : given);
            }
        }
        return rows;
    }

    @Test
    void foundTheThreePlaces() {
        assertThat(variables).containsKey("isp.domain").hasSizeGreaterThan(50);
        assertThat(readme).containsKey("isp.domain");
        assertThat(annotated).containsKey("isp.domain");
    }

    @Test
    void everySettingTheCodeReadsIsAServerXmlVariable() {
        assertThat(variables.keySet()).containsAll(annotated.keySet());
    }

    @Test
    void aDefaultWrittenInTheCodeIsServerXmlsDefault() {
        List<String> drift = new ArrayList<>();
        annotated.forEach((name, fallbacks) -> fallbacks.stream()
                .filter(f -> !ConfigProperty.UNCONFIGURED_VALUE.equals(f))
                .filter(f -> variables.containsKey(name) && !f.equals(variables.get(name)) && !variables.get(name).startsWith("${"))
                .forEach(f -> drift.add(name + ": code " + f + ", server.xml " + variables.get(name))));
        assertThat(drift).isEmpty();
    }

    @Test
    void theReadmeListsEveryVariableWithItsDefault() {
        List<String> drift = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (!readme.containsKey(name)) {
                drift.add(name + " is not in the README's configuration table");
                return;
            }
            String shown = readme.get(name);
            boolean same = shown.equals(value)
                    || (value.isEmpty() && (shown.equals("none") || shown.isEmpty() || shown.startsWith("(")))
                    || shown.contains("<") || value.startsWith("${");
            if (!same) {
                drift.add(name + ": README " + shown + ", server.xml " + value);
            }
        });
        assertThat(drift).isEmpty();
        assertThat(variables.keySet()).containsAll(readme.keySet());
    }
}
