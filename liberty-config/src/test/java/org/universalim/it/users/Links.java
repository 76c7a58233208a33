package org.universalim.it.users;

import org.universalim.it.scenario.Isp;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Two test ISPs peered both ways, tried again while a freshly started peer (on a busy machine) does not answer yet. */
final class Links {

    private Links() {
    }

    static void federate(Isp one, Isp other) {
        federate(one, other, "REST");
    }

    /** Peered both ways, each calling the other over {@code transport} (REST or SOAP). */
    static void federate(Isp one, Isp other, String transport) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> one.federatesOver(transport, other));
    }
}
