package org.universalim.clientprotocol.xmpp.s2s;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our connections to remote servers: one {@link OutgoingSession} per remote domain, set up when something is to be sent
 * (the route found on the managed executor, since DNS may block; each target tried in turn; the whole set-up within
 * {@code xmpp.s2s.connect.seconds}), and one-off connections that ask a remote domain's authoritative server about a
 * dialback key.
 */
final class S2sConnector {

    private static final Logger LOG = Logger.getLogger(S2sConnector.class.getName());

    private final S2sServer server;
    private final EventLoopGroup loops;
    private final Executor executor;
    private final S2sSettings settings;
    private final S2sRoutes.Static routes;
    private final ChannelGroup connections;
    private final long sendTimeoutMillis;
    private final Map<String, OutgoingSession> outgoing = new ConcurrentHashMap<>();

    S2sConnector(S2sServer server, EventLoopGroup loops, Executor executor, S2sSettings settings, ChannelGroup connections,
                 long sendTimeoutMillis) {
        this.server = server;
        this.loops = loops;
        this.executor = executor;
        this.settings = settings;
        this.routes = settings.routes();
        this.connections = connections;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /** Our connection to a domain, opened when there is none. */
    OutgoingSession session(String remote) {
        OutgoingSession[] created = new OutgoingSession[1];
        OutgoingSession s = outgoing.compute(remote, (d, old) -> {
            if (old != null && !old.isClosed()) {
                return old;
            }
            created[0] = new OutgoingSession(d);
            return created[0];
        });
        if (created[0] != null) {
            executor.execute(() -> connect(created[0]));
            loops.next().schedule(() -> created[0].deadline(new OutgoingSession.Failure(false, "remote-server-timeout",
                    "no connection to " + remote + " within " + settings.connectTimeout().toSeconds() + " s")),
                    settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return s;
    }

    /**
     * A remote server asked for XEP-0288 on its authenticated stream to us: unless a connection of ours to it is set up
     * or running, our stanzas for it go on that stream (the session ends with it); false when ours is kept.
     */
    boolean bidi(String remote, S2sInbound inbound, io.netty.channel.Channel channel) {
        OutgoingSession[] created = new OutgoingSession[1];
        outgoing.compute(remote, (d, old) -> {
            if (old != null && !old.isClosed()) {
                return old;
            }
            created[0] = new OutgoingSession(d);
            return created[0];
        });
        if (created[0] == null) {
            return false;
        }
        created[0].connecting(channel);
        created[0].ready(inbound);
        inbound.carries(created[0]);
        return true;
    }

    /**
     * Asks the authoritative server of {@code remote} whether a dialback key it sent on our stream {@code streamId} is
     * its (XEP-0220 2.3), over a connection of our own; false when it says no or cannot be asked in time.
     */
    CompletableFuture<Boolean> verify(String remote, String streamId, String key) {
        CompletableFuture<Boolean> valid = new CompletableFuture<>();
        OutgoingSession once = new OutgoingSession(remote);
        S2sOutbound.Verify verify = new S2sOutbound.Verify(streamId, key, valid);
        executor.execute(() -> {
            List<S2sRoutes.Target> targets = S2sRoutes.resolve(remote, routes, settings.dnsServer());
            if (targets.isEmpty()) {
                valid.complete(false);
            } else {
                attempt(once, targets, 0, verify);
            }
        });
        loops.next().schedule(() -> {
            if (valid.complete(false)) {
                once.deadline(new OutgoingSession.Failure(false, "remote-server-timeout", "dialback verification timed out"));
            }
        }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return valid;
    }

    /** The server stops: every connection of ours ends. */
    void closeAll() {
        outgoing.values().forEach(OutgoingSession::close);
        outgoing.clear();
    }

    private void connect(OutgoingSession session) {
        List<S2sRoutes.Target> targets = S2sRoutes.resolve(session.domain(), routes, settings.dnsServer());
        if (targets.isEmpty()) {
            session.failed(new OutgoingSession.Failure(true, "remote-server-not-found", session.domain() + " offers no XMPP service"));
            outgoing.remove(session.domain(), session);
            return;
        }
        attempt(session, targets, 0, null);
    }

    private void attempt(OutgoingSession session, List<S2sRoutes.Target> targets, int index, S2sOutbound.Verify verify) {
        if (index >= targets.size() || session.isClosed()) {
            if (verify != null) {
                verify.valid().complete(false);
            }
            session.failed(new OutgoingSession.Failure(false, "remote-server-not-found", "no server of " + session.domain() + " answered"));
            outgoing.remove(session.domain(), session);
            return;
        }
        S2sRoutes.Target target = targets.get(index);
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        if (target.directTls()) {
                            channel.pipeline().addLast("tls", S2sTls.client(server.tls(), session.domain(), target.port()));
                        }
                        channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, settings.idleSeconds()))
                                .addLast("write-timeout", new WriteTimeoutHandler(sendTimeoutMillis, TimeUnit.MILLISECONDS))
                                .addLast("s2s", new S2sOutbound(server, session, target.directTls(), verify));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(target.host(), target.port());
        session.connecting(connecting.channel());
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(Level.FINE, "s2s: {0}:{1} did not answer for {2}", new Object[]{target.host(), target.port(), session.domain()});
                attempt(session, targets, index + 1, verify);
            } else {
                connecting.channel().closeFuture().addListener(c -> outgoing.remove(session.domain(), session));
            }
        });
    }
}
