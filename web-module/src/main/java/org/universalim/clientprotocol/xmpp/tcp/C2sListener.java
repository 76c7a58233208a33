package org.universalim.clientprotocol.xmpp.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.universalim.clientprotocol.connection.BoundedExecutor;
import org.universalim.clientprotocol.connection.ConnectionLimits;
import org.universalim.clientprotocol.connection.ConnectionWatch;
import org.universalim.clientprotocol.xmpp.XmppProtocol;
import org.universalim.platform.IspSettings;
import org.universalim.platform.ServerStopping;
import org.universalim.platform.tls.ServerTls;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * XMPP over TCP for native clients (docs/xmpp-tcp.md): the c2s port with STARTTLS required before authentication
 * (RFC 6120, {@code xmpp.c2s.port}, 5222) and the port with direct TLS (XEP-0368, {@code xmpp.c2s.tls.port}, 5223), on
 * the same XMPP core as {@code /xmpp-websocket}. Jakarta EE has no TCP server API: Netty listens, on the
 * {@link EventLoops} made of Liberty's managed threads, started when the web module starts and stopped with it. A
 * port of -1 is not opened; a port that cannot be bound is logged and the application runs without it.
 */
@ApplicationScoped
public class C2sListener {

    private static final Logger LOG = Logger.getLogger(C2sListener.class.getName());
    /** How long the listeners may take to close when the application stops. */
    static final long CLOSE_SECONDS = 3;

    @Inject
    TcpSettings settings;

    @Inject
    EventLoops loops;

    @Inject
    XmppProtocol protocol;

    @Inject
    ConnectionWatch watch;

    @Inject
    ConnectionLimits limits;

    @Inject
    ServerTls tls;

    @Inject
    IspSettings isp;

    @Inject
    ServerStopping stopping;

    @Resource
    ManagedExecutorService executor;

    private final List<Channel> listening = new ArrayList<>();
    private ChannelGroup connections;
    private Doors doors;

    /** What every connection of these listeners shares. */
    final class Doors {
        private final BoundedExecutor cleanUps = new BoundedExecutor(1, this::executor);
        private final String domain = isp.universalDomain();

        Executor executor() {
            return executor;
        }

        /** The clean-ups after closed connections (presence, delivery: database work), one at a time. */
        BoundedExecutor cleanUps() {
            return cleanUps;
        }

        XmppProtocol protocol() {
            return protocol;
        }

        ConnectionWatch watch() {
            return watch;
        }

        ConnectionLimits limits() {
            return limits;
        }

        String domain() {
            return domain;
        }

        /** The ISP's TLS context, current (a renewed certificate reaches the next connection). */
        SSLContext tls() {
            return tls.context(settings.sslRef());
        }
    }

    /**
     * Binds the ports when the web module starts, without waiting for them: the binding runs on an event loop thread,
     * whose managed context is ready only once the module is (waiting here for it would deadlock the start).
     */
    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        open();
        // a graceful stop: the streams end (system-shutdown) before the message journal drains (routing.control.JournalDrain),
        // so that what these clients sent is written and nothing more comes. Open Liberty cut the WebSocket clients
        // itself, earlier (server quiesce); this listener is Netty's, which it does not know of.
        stopping.onStop(this::stop);
    }

    synchronized void open() {
        if (doors != null) {
            return;
        }
        doors = new Doors();
        connections = new DefaultChannelGroup("xmpp-c2s", loops.group().next());
        bind(settings.port(), false);
        bind(settings.tlsPort(), true);
    }

    private void bind(int port, boolean directTls) {
        if (port < 0) {
            LOG.log(Level.INFO, "XMPP over TCP with {0} is off", directTls ? "direct TLS" : "STARTTLS");
            return;
        }
        if (directTls) {
            try {
                doors.tls();
            } catch (IllegalStateException e) {
                LOG.log(Level.WARNING, "{0}: connections to port {1} will fail their TLS handshake until it is", new Object[]{e.getMessage(), port});
            }
        }
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops.group()).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        if (directTls) {
                            SSLContext context;
                            try {
                                context = doors.tls();
                            } catch (IllegalStateException e) {
                                channel.close();
                                return;
                            }
                            channel.pipeline().addLast("tls", new SslHandler(ServerEngines.c2s(context)));
                        }
                        channel.pipeline().addLast("write-timeout", new WriteTimeoutHandler(limits.sendTimeoutMillis(), TimeUnit.MILLISECONDS))
                                .addLast("c2s", new C2sConnection(doors, directTls));
                    }
                });
        String host = settings.host();
        InetSocketAddress address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        // never waited for here: the event loop's managed thread starts only once the web module is initialized
        ChannelFuture bound = bootstrap.bind(address);
        listening.add(bound.channel());
        bound.addListener(f -> {
            if (f.isSuccess()) {
                LOG.log(Level.INFO, "XMPP over TCP ({0}) listens on {1}", new Object[]{directTls ? "direct TLS" : "STARTTLS", address});
            } else {
                LOG.log(Level.SEVERE, "XMPP over TCP cannot listen on {0}: {1}", new Object[]{address, String.valueOf(f.cause())});
            }
        });
    }

    /** Stops listening, ends the streams ({@code system-shutdown}) and closes the connections, within a bound. */
    @PreDestroy
    synchronized void stop() {
        if (doors == null) {
            return;
        }
        for (Channel server : listening) {
            server.close().awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS);
        }
        listening.clear();
        for (Channel c : connections) {
            C2sConnection connection = c.pipeline().get(C2sConnection.class);
            if (connection != null) {
                c.eventLoop().execute(connection::shutdown);
            }
        }
        connections.close().awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS);
        doors = null;
        LOG.info("XMPP over TCP stopped: the ports are closed and the streams ended");
    }
}
