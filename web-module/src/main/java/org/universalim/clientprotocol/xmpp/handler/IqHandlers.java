package org.universalim.clientprotocol.xmpp.handler;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.xml.namespace.QName;
import java.util.HashMap;
import java.util.Map;

/**
 * Every {@link IqHandler} of the application, by the payload it answers (Openfire's IQRouter map). Built
 * once from what CDI finds; two handlers claiming one payload stop the application from starting.
 */
@ApplicationScoped
public class IqHandlers {

    @Inject
    Instance<IqHandler> discovered;

    /** namespace -> local name -> handler: no object is made to look one up. */
    private Map<String, Map<String, IqHandler>> byNamespace = Map.of();

    @PostConstruct
    void index() {
        byNamespace = index(discovered);
    }

    /** The registry over these handlers (tests). */
    public static IqHandlers of(Iterable<? extends IqHandler> handlers) {
        IqHandlers registry = new IqHandlers();
        registry.byNamespace = index(handlers);
        return registry;
    }

    static Map<String, Map<String, IqHandler>> index(Iterable<? extends IqHandler> handlers) {
        Map<String, Map<String, IqHandler>> index = new HashMap<>();
        for (IqHandler handler : handlers) {
            for (QName payload : handler.handles()) {
                IqHandler before = index.computeIfAbsent(payload.getNamespaceURI(), ns -> new HashMap<>())
                        .putIfAbsent(payload.getLocalPart(), handler);
                if (before != null) {
                    throw new IllegalStateException("two IQ handlers answer " + payload + ": " + name(before) + " and " + name(handler));
                }
            }
        }
        index.replaceAll((ns, names) -> Map.copyOf(names));
        return Map.copyOf(index);
    }

    private static String name(IqHandler handler) {
        return handler.getClass().getName();
    }

    /** The handler answering a payload, or {@code null}. */
    public IqHandler find(String namespace, String localName) {
        Map<String, IqHandler> names = byNamespace.get(namespace);
        return names == null ? null : names.get(localName);
    }
}
