package org.universalim.clientprotocol.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SocketCloserTest {

    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private Session session(String name) {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "close" -> {
                        CloseReason why = (CloseReason) args[0];
                        closed.add(name + " " + why.getCloseCode().getCode() + " " + why.getReasonPhrase());
                        yield null;
                    }
                    default -> null;
                });
    }

    @Test
    void closesRunOnTheExecutorAFewWorkersAtATime() {
        SocketCloser closer = new SocketCloser(tasks::add);
        for (int i = 0; i < 10; i++) {
            closer.close(session("s" + i), CloseReason.CloseCodes.NORMAL_CLOSURE, "bye");
        }
        assertThat(closed).as("nothing on the caller's thread").isEmpty();
        assertThat(tasks).hasSize(SocketCloser.CONCURRENCY);
        tasks.get(0).run();
        assertThat(closed).hasSize(10).first().isEqualTo("s0 1000 bye");
    }

    @Test
    void aReasonIsCutToWhatACloseFrameHolds() {
        assertThat(FrameAssembler.utf8Length(SocketCloser.truncate("é".repeat(100)))).isLessThanOrEqualTo(123);
        assertThat(SocketCloser.truncate(null)).isEmpty();
    }
}
