package org.universalim.clientprotocol.xmpp.profile;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.universalim.clientprotocol.xmpp.Replies;
import org.universalim.clientprotocol.xmpp.StanzaError;
import org.universalim.clientprotocol.xmpp.handler.IqRequest;
import org.universalim.profile.boundary.ProfileRefusal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Questions about users of other ISPs (their cards and personal event nodes), asked of their ISP off the client's
 * thread: the IQ is answered when the other ISP has answered (or has not, within the federation's call time-out).
 * At most {@value #AT_ONCE} are under way on this node; beyond that a client is told to wait.
 */
@ApplicationScoped
public class RemoteQueries {

    static final int AT_ONCE = 32;

    @Resource
    ManagedExecutorService executor;

    private final Semaphore slots = new Semaphore(AT_ONCE);

    /**
     * Asks, then answers the IQ with {@code answer} or the error for a refusal ({@code refused}).
     */
    public <T> void ask(IqRequest request, Supplier<T> question, Consumer<T> answer, BiConsumer<IqRequest, ProfileRefusal> refused) {
        if (!slots.tryAcquire()) {
            request.error(new StanzaError("wait", "resource-constraint", "too many questions to other ISPs under way: try again"));
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    answer.accept(question.get());
                } catch (ProfileRefusal e) {
                    refused.accept(request, e);
                } catch (RuntimeException e) {
                    request.error(Replies.failure(e));
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            request.error(new StanzaError("wait", "resource-constraint", "the server is busy: try again"));
        }
    }
}
