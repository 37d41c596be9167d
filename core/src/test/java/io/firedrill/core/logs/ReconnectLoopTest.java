package io.firedrill.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sessions are retried after failures until the loop closes; a failure while closing is not reported. */
class ReconnectLoopTest {
    @Test
    void retriesFailedSessionsAndStopsWhenClosed() throws Exception {
        ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(1), Duration.ofMillis(4));
        AtomicInteger attempts = new AtomicInteger();
        List<Exception> reported = new CopyOnWriteArrayList<>();
        Thread worker = new Thread(() -> loop.run(() -> {
            int n = attempts.incrementAndGet();
            if (n < 5) {
                throw new IOException("attempt " + n + " fails");
            }
            loop.close();
            throw new IOException("failing because the loop closes");
        }, e -> {
            reported.add(e);
            return false;
        }));
        worker.start();
        worker.join(10_000);
        assertFalse(worker.isAlive());
        assertEquals(5, attempts.get());
        assertEquals(4, reported.size(), "the failure while closing is not reported: " + reported);
        assertTrue(loop.closing());
    }

    @Test
    void closeEndsAPauseAtOnce() throws Exception {
        ReconnectLoop loop = new ReconnectLoop(Duration.ofMillis(1), Duration.ofMillis(1));
        Thread sleeper = new Thread(() -> loop.pause(Duration.ofHours(1)));
        sleeper.start();
        loop.close();
        sleeper.join(10_000);
        assertFalse(sleeper.isAlive(), "the hour-long pause ended when the loop closed");
    }
}
