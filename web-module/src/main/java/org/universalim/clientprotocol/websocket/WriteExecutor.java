package org.universalim.clientprotocol.websocket;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;

/**
 * The executor on which a WebSocket endpoint writes what it held while a frame was handled (its outbound queue's
 * release), looked up once for the application.
 *
 * <p>Why not a {@code @Resource} on the endpoint: the container makes one endpoint instance per connection, and
 * every resource injection into it is a JNDI lookup that filters the OSGi service registry. JDK Flight Recorder on
 * the log-in benchmark (issue 19, scenario (c)) put that lookup at 15 % of the server's CPU per log-in.
 */
@ApplicationScoped
public class WriteExecutor implements Executor {

    @Resource
    ManagedExecutorService executor;

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }
}
