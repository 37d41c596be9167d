package io.firedrill.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads take shared and exclusive locks on one storage at once, with a tiny settle time and random
 * storage latency; a counter records who is inside: -1 for an exclusive holder, n > 0 for n shared holders.
 * An exclusive holder must never overlap any other holder.
 */
class LockStressTest {
    private static final int THREADS = 6;
    private static final int ROUNDS = 40;
    private static final int EXCLUSIVE = -1;

    private final InterceptingStorage storage = new InterceptingStorage();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger violations = new AtomicInteger();
    private final AtomicInteger exclusiveEntries = new AtomicInteger();
    private final AtomicInteger sharedEntries = new AtomicInteger();

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void anExclusiveHolderNeverOverlapsAnyOtherHolder() throws Exception {
        storage.maxLatencyMicros = 300;
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String owner = "worker-" + t;
            workers.add(threads.submit(() -> work(owner)));
        }
        for (Future<?> worker : workers) {
            worker.get(18, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertEquals(0, violations.get(), "an exclusive lock overlapped another holder");
        assertEquals(THREADS * ROUNDS, exclusiveEntries.get() + sharedEntries.get());
        assertTrue(exclusiveEntries.get() > 0 && sharedEntries.get() > 0);
        assertEquals(0, inside.get());
        List<String> left = new ArrayList<>();
        storage.list(LockNames.PREFIX, info -> left.add(info.name()));
        assertEquals(List.of(), left, "lock files were left behind");
    }

    private void work(String owner) {
        LockSettings settings = new LockSettings("stress-host", ProcessHandle.current().pid(), owner,
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(1), Clock.systemUTC());
        Backoff backoff = new Backoff(Duration.ofMillis(2), Duration.ofMillis(40));
        LockLiveness liveness = new LockLiveness(settings);
        for (int round = 0; round < ROUNDS; round++) {
            LockMode mode = ThreadLocalRandom.current().nextInt(3) == 0 ? LockMode.EXCLUSIVE : LockMode.SHARED;
            try (RepositoryLock lock = RepositoryLocks.acquire(storage, mode, settings, backoff, liveness)) {
                enter(mode);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 2_000_000));
                lock.checkValid();
                leave(mode);
            }
        }
    }

    private void enter(LockMode mode) {
        if (mode == LockMode.EXCLUSIVE) {
            exclusiveEntries.incrementAndGet();
            if (!inside.compareAndSet(0, EXCLUSIVE)) {
                violations.incrementAndGet();
                inside.set(EXCLUSIVE);
            }
            return;
        }
        sharedEntries.incrementAndGet();
        int before = inside.getAndUpdate(n -> n < 0 ? n : n + 1);
        if (before < 0) {
            violations.incrementAndGet();
        }
    }

    private void leave(LockMode mode) {
        if (mode == LockMode.EXCLUSIVE) {
            inside.set(0);
        } else {
            inside.updateAndGet(n -> n > 0 ? n - 1 : n);
        }
    }
}
