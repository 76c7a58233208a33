package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.WriteTimeoutHandler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.universalim.address.Domains;
import org.universalim.clientprotocol.connection.ConnectionLimits;
import org.universalim.clientprotocol.connection.ConnectionWatch;
import org.universalim.clientprotocol.connection.RateLimiter;
import org.universalim.clientprotocol.xmpp.Jid;
import org.universalim.clientprotocol.xmpp.XmlElement;
import org.universalim.clientprotocol.xmpp.tcp.EventLoops;
import org.universalim.federation.boundary.XmppArrivals;
import org.universalim.federation.boundary.XmppServers;
import org.universalim.federation.control.PeerFailure;
import org.universalim.platform.IspSettings;
import org.universalim.platform.ServerStopping;
import org.universalim.platform.tls.ServerTls;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Server-to-server XMPP (docs/xmpp-tcp.md): the s2s port ({@code xmpp.s2s.port}, 5269) for remote servers, and our
 * connections to them ({@link S2sConnector}: one per remote domain, found by static route or DNS). On the same {@link EventLoops} as the c2s listener, started with the web module and stopped with
 * it. It is the federation's {@link XmppServers.Network}: a domain that is no Universal IM peer is reached here; what
 * remote servers send goes to {@link XmppArrivals}.
 */
@ApplicationScoped
public class S2sServer implements XmppServers.Network {

    private static final Logger LOG = Logger.getLogger(S2sServer.class.getName());
    static final long CLOSE_SECONDS = 3;
    /** Remote domains whose rate is kept (beyond, the table starts again). */
    static final int RATES_MAX = 10_000;

    @Inject
    S2sSettings settings;

    @Inject
    ServerStopping stopping;

    @Inject
    EventLoops loops;

    @Inject
    ServerTls tls;

    @Inject
    IspSettings isp;

    @Inject
    ConnectionWatch watch;

    @Inject
    ConnectionLimits limits;

    @Inject
    XmppServers link;

    @Inject
    XmppArrivals arrivals;

    @Inject
    RemoteIqs remoteIqs;

    @Inject
    RemoteInterests interests;

    @Inject
    ServerIqs serverIqs;

    @Resource
    ManagedExecutorService executor;

    private final Map<String, RateLimiter> rates = new ConcurrentHashMap<>();
    private final List<Channel> listening = new ArrayList<>();
    private ChannelGroup connections;
    private volatile String domain;
    private volatile boolean running;
    private S2sConnector connector;
    private java.util.Set<String> blocked;
    private S2sDispatch dispatch;
    private DialbackKeys dialback;
    private String insecureDomain;

    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext started) {
        open();
        // a graceful stop: the server-to-server streams end before the message journal drains (routing.control.JournalDrain),
        // as the c2s ones do, so that nothing more comes in while it is written; what waits for a remote server stays
        // in its outbox until the restart. Without this they ended at the CDI destroy, after the EJB module had stopped.
        stopping.onStop(this::stop);
    }

    synchronized void open() {
        if (running || !settings.enabled()) {
            if (!settings.enabled()) {
                LOG.info("XMPP server-to-server is off");
            }
            return;
        }
        domain = isp.universalDomain();
        blocked = settings.blocked();
        dispatch = new S2sDispatch(this, arrivals, remoteIqs, interests, serverIqs);
        dialback = new DialbackKeys(settings.dialbackSecret());
        insecureDomain = settings.insecureDomain();
        if (insecureDomain != null) {
            LOG.log(Level.WARNING, "XMPP server-to-server: {0} is allowed without TLS (xmpp.s2s.insecure.domain): for tests only",
                    insecureDomain);
        }
        connections = new DefaultChannelGroup("xmpp-s2s", loops.group().next());
        connector = new S2sConnector(this, loops.group(), executor, settings, connections, limits.sendTimeoutMillis());
        try {
            tls();
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "{0}: s2s connections will fail until it is", e.getMessage());
        }
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops.group()).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast("write-timeout", new WriteTimeoutHandler(limits.sendTimeoutMillis(), TimeUnit.MILLISECONDS))
                                .addLast("s2s", new S2sInbound(S2sServer.this));
                    }
                });
        String host = settings.host();
        InetSocketAddress address = host == null ? new InetSocketAddress(settings.port()) : new InetSocketAddress(host, settings.port());
        ChannelFuture bound = bootstrap.bind(address);
        listening.add(bound.channel());
        bound.addListener(f -> {
            if (f.isSuccess()) {
                LOG.log(Level.INFO, "XMPP server-to-server listens on {0} for {1}", new Object[]{address, domain});
            } else {
                LOG.log(Level.SEVERE, "XMPP server-to-server cannot listen on {0}: {1}", new Object[]{address, String.valueOf(f.cause())});
            }
        });
        running = true;
        link.attach(this);
    }

    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        link.detach(this);
        for (Channel server : listening) {
            server.close().awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS);
        }
        listening.clear();
        connector.closeAll();
        for (Channel c : connections) {
            S2sInbound inbound = c.pipeline().get(S2sInbound.class);
            if (inbound != null) {
                c.eventLoop().execute(inbound::shutdown);
            }
        }
        connections.close().awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS);
        LOG.info("XMPP server-to-server stopped");
    }

    String domain() {
        return domain;
    }

    SSLContext tls() {
        return tls.context(settings.sslRef());
    }

    Executor executor() {
        return executor;
    }

    ConnectionWatch watch() {
        return watch;
    }

    DialbackKeys dialback() {
        return dialback;
    }

    /** The remote domain allowed without TLS (tests), or {@code null}. */
    String insecureDomain() {
        return insecureDomain;
    }

    /**
     * Asks the authoritative server of {@code remote} whether a dialback key it sent on our stream {@code streamId} is
     * its (XEP-0220 2.3), over a connection of our own; false when it says no or cannot be asked in time.
     */
    CompletableFuture<Boolean> verifyDialback(String remote, String streamId, String key) {
        if (!reaches(remote)) {
            return CompletableFuture.completedFuture(false);
        }
        return connector.verify(remote, streamId, key);
    }

    boolean blocked(String remote) {
        return blocked.contains(remote);
    }

    /** Whether a remote domain may send one more stanza now (its rate, over all its connections). */
    boolean allow(String remote) {
        if (rates.size() > RATES_MAX) {
            rates.clear();
        }
        RateLimiter limiter = rates.computeIfAbsent(remote, d -> new RateLimiter(settings.ratePerSecond(), settings.rateBurst(), System.nanoTime()));
        synchronized (limiter) {
            return limiter.tryAcquire(System.nanoTime());
        }
    }

    void dispatch(String remote, XmlElement stanza, Jid from, Jid to) {
        dispatch.dispatch(remote, stanza, from, to);
    }

    /** Answers a stanza with an error (RFC 6120 8.3), over our connection to its domain; errors are not answered. */
    void refuse(XmlElement stanza, String remote, String type, String condition, String text) {
        String answer = S2sDispatch.error(stanza, type, condition, text);
        if (answer != null) {
            sendSoon(remote, answer);
        }
    }

    /** Sends a stanza without waiting for it (answers to remote servers). */
    void sendSoon(String remote, String stanza) {
        if (reaches(remote)) {
            connector.session(remote).submit(List.of(stanza));
        }
    }

    /** Sends stanzas without waiting; the future completes when they are written, or fails with an {@link OutgoingSession.Failure}. */
    java.util.concurrent.CompletableFuture<Void> submit(String remote, List<String> stanzas) {
        return connector.session(remote).submit(stanzas);
    }

    /** A remote server's authenticated stream asked for XEP-0288: our stanzas for it may go there (see {@link S2sConnector#bidi}). */
    boolean bidi(String remote, S2sInbound inbound, io.netty.channel.Channel channel) {
        return running && connector.bidi(remote, inbound, channel);
    }

    /** Whether s2s runs (started, not stopping). */
    boolean running() {
        return running;
    }

    @Override
    public boolean reaches(String remote) {
        if (!running || remote == null) {
            return false;
        }
        String d;
        try {
            d = Domains.normalize(remote);
        } catch (RuntimeException e) {
            return false;
        }
        return !d.equals(domain) && !d.equals(isp.ispDomain()) && !blocked.contains(d);
    }

    @Override
    public List<String> interested(String bareJid, String node) {
        return interests.interested(bareJid, node);
    }

    @Override
    public void send(String remote, List<String> stanzas) throws PeerFailure {
        if (!reaches(remote)) {
            throw new PeerFailure(true, "remote_unreachable", "remote-server-not-found: " + remote + " is not reached over s2s");
        }
        long waitMillis = settings.connectTimeout().toMillis() + limits.sendTimeoutMillis();
        try {
            connector.session(remote).submit(stanzas).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PeerFailure(false, "remote_unreachable", "remote-server-timeout: " + remote);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailure(false, "remote_unreachable", "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutgoingSession.Failure f) {
                throw new PeerFailure(f.permanent(), "remote_unreachable", f.condition() + ": " + f.getMessage());
            }
            throw new PeerFailure(false, "remote_unreachable", "remote-server-timeout: " + remote);
        }
    }
}
