package org.universalim.platform;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The start of a graceful stop, before the message journal drains (routing.control.JournalDrain): what takes work that
 * the application server does not close by itself (the XMPP over TCP listener, which is Netty's) stops taking it then,
 * with its protocol's shutdown. A hook, not a CDI event: the listener lives in the web module, whose observers an event
 * fired in the EJB module need not reach.
 */
@ApplicationScoped
public class ServerStopping {

    private static final Logger LOG = Logger.getLogger(ServerStopping.class.getName());

    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    /** Runs {@code hook} when a graceful stop begins. */
    public void onStop(Runnable hook) {
        hooks.add(hook);
    }

    /** A graceful stop begins: runs the hooks, each once, in the order given. */
    public void begin() {
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a stop hook failed; the stop goes on", e);
            }
        }
        hooks.clear();
    }
}
