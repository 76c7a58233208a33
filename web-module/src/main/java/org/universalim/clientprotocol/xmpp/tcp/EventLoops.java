package org.universalim.clientprotocol.xmpp.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Netty event loops of the application's own TCP listeners (XMPP c2s; s2s later), on threads of Liberty's
 * {@code ManagedThreadFactory} (no raw threads): made at the first use, stopped with the application within a bound.
 * Event loop threads read, parse and write; they never wait on the database or an EJB (docs/xmpp-tcp.md).
 */
@ApplicationScoped
public class EventLoops {

    /** Event loop threads: one per CPU, at least two. */
    static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How long the loops may take to finish what they do when the application stops. */
    static final long STOP_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(EventLoops.class.getName());

    @Resource
    ManagedThreadFactory threads;

    private EventLoopGroup group;

    public synchronized EventLoopGroup group() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(THREADS, threads, NioIoHandler.newFactory());
        }
        return group;
    }

    @PreDestroy
    synchronized void stop() {
        if (group == null) {
            return;
        }
        boolean stopped = group.shutdownGracefully(100, STOP_SECONDS * 1000, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(STOP_SECONDS + 2, TimeUnit.SECONDS);
        if (!stopped) {
            LOG.log(Level.WARNING, "the TCP event loops did not stop within {0} s", STOP_SECONDS + 2);
        }
        group = null;
    }
}
