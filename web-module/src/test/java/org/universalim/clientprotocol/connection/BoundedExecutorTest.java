package org.universalim.clientprotocol.connection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedExecutorTest {

    private final List<Runnable> workers = new ArrayList<>();
    private final List<Integer> done = new ArrayList<>();

    @Test
    void atMostSoManyWorkersRunAndTheyTakeTheTasksInOrder() {
        BoundedExecutor bounded = new BoundedExecutor(2, () -> workers::add);
        for (int i = 0; i < 5; i++) {
            int n = i;
            bounded.execute(() -> done.add(n));
        }
        assertThat(workers).hasSize(2);
        assertThat(bounded.waiting()).isEqualTo(5);
        workers.get(0).run();
        assertThat(done).containsExactly(0, 1, 2, 3, 4);
        workers.get(1).run();
        assertThat(done).hasSize(5);
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        BoundedExecutor bounded = new BoundedExecutor(1, () -> workers::add);
        bounded.execute(() -> {
            throw new IllegalStateException("boom");
        });
        bounded.execute(() -> done.add(1));
        workers.get(0).run();
        assertThat(done).containsExactly(1);
        bounded.execute(() -> done.add(2));
        assertThat(workers).as("a new worker once the first has finished").hasSize(2);
    }
}
