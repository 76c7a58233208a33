package org.universalim.clientprotocol.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundQueueTest {

    /** A connection whose writes complete when the test says so. */
    private final List<String> written = new ArrayList<>();
    private final List<SendHandler> pending = new ArrayList<>();
    private final RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                if (method.getName().equals("sendText") && args.length == 2) {
                    written.add((String) args[0]);
                    pending.add((SendHandler) args[1]);
                }
                return null;
            });

    private void completeWrite() {
        pending.remove(0).onResult(new SendResult());
    }

    @Test
    void framesAreWrittenOneAtATimeInOrder() {
        OutboundQueue queue = new OutboundQueue(remote, 10, failure -> { });
        queue.offer("a");
        queue.offer("b");
        assertThat(written).containsExactly("a");
        completeWrite();
        assertThat(written).containsExactly("a", "b");
    }

    @Test
    void anActionAfterTheQueuedFramesRunsOnceTheyAreWritten() {
        OutboundQueue queue = new OutboundQueue(remote, 10, failure -> { });
        List<String> done = new ArrayList<>();
        queue.offer("result");
        queue.offer("notice");
        queue.afterQueued(() -> done.add("closed"));
        assertThat(done).isEmpty();
        completeWrite();
        assertThat(done).isEmpty();
        completeWrite();
        assertThat(done).containsExactly("closed");
        assertThat(queue.pending()).isZero();
    }

    @Test
    void anActionWithNothingQueuedRunsAtOnce() {
        OutboundQueue queue = new OutboundQueue(remote, 10, failure -> { });
        List<String> done = new ArrayList<>();
        assertThat(queue.afterQueued(() -> done.add("closed"))).isTrue();
        assertThat(done).containsExactly("closed");
        queue.close();
        assertThat(queue.afterQueued(() -> done.add("again"))).isFalse();
    }

    @Test
    void whileHeldFramesWaitAndAreWrittenFromATaskAfterwards() {
        OutboundQueue queue = new OutboundQueue(remote, 10, failure -> { });
        List<Runnable> tasks = new ArrayList<>();
        queue.hold();
        queue.offer("answer");
        assertThat(written).as("nothing is written while the frame is handled").isEmpty();
        queue.release(tasks::add);
        assertThat(written).isEmpty();
        tasks.get(0).run();
        assertThat(written).containsExactly("answer");
    }

    @Test
    void aQueueClosedBeforeTheTaskRunsWritesNothing() {
        OutboundQueue queue = new OutboundQueue(remote, 10, failure -> { });
        List<Runnable> tasks = new ArrayList<>();
        queue.hold();
        queue.offer("answer");
        queue.release(tasks::add);
        queue.close(); // the client's close frame came right after its request
        tasks.forEach(Runnable::run);
        assertThat(written).isEmpty();
    }
}
