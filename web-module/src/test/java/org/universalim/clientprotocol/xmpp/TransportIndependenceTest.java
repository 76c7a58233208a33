package org.universalim.clientprotocol.xmpp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XMPP core, its negotiation and its handlers know nothing of WebSocket: only the thin adapter
 * ({@link XmppEndpoint}, {@link WebSocketTransport}) names the WebSocket API, so a TCP transport can be added
 * beside it. Checked over the compiled classes (a class that uses a type names it in its constant pool).
 */
class TransportIndependenceTest {

    private static final Set<String> ADAPTER = Set.of("XmppEndpoint", "WebSocketTransport");

    @Test
    void onlyTheWebSocketAdapterUsesTheWebSocketApi() throws Exception {
        Path root = Path.of(XmppConnection.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/universalim/clientprotocol/xmpp");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).as("compiled XMPP classes").hasSizeGreaterThan(40);
        List<String> users = classes.stream().filter(TransportIndependenceTest::namesWebSocketApi)
                .map(f -> root.relativize(f).toString()).toList();
        assertThat(users).isNotEmpty().allSatisfy(c -> assertThat(ADAPTER).contains(outerName(c)));
    }

    private static boolean namesWebSocketApi(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("jakarta/websocket/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level class of a class file directly in the core package; the path itself for one in a subpackage. */
    private static String outerName(String relative) {
        if (relative.contains("/")) {
            return relative;
        }
        String name = relative.replace(".class", "");
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }
}
