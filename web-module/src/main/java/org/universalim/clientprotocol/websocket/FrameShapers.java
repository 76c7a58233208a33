package org.universalim.clientprotocol.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.universalim.clientprotocol.connection.ConnectionLimits;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes the {@link FrameShaper} of each WebSocket connection, with the connection limits and the application's managed
 * scheduler (looked up once here, not per endpoint instance: see {@link WriteExecutor}).
 */
@ApplicationScoped
public class FrameShapers {

    @Inject
    ConnectionLimits limits;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Shared by every connection's backlog. */
    private BacklogBudget budget;

    @PostConstruct
    void shareOneBudget() {
        budget = new BacklogBudget(limits.backlogTotalChars());
    }

    /**
     * @param handler  handles one whole frame of the connection
     * @param overflow ends the connection: it sent more over its rate than its backlog holds
     */
    public FrameShaper shaper(Consumer<String> handler, Runnable overflow) {
        return new FrameShaper(limits.newRateLimiter(), new FrameBacklog(limits.backlogFrames(), limits.backlogChars(), budget),
                System::nanoTime, (task, delay) -> scheduler.schedule(task, delay, TimeUnit.NANOSECONDS), handler, overflow);
    }
}
