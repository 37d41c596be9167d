package io.firedrill.core.storage.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.StorageException;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each fault mode of {@link FaultInjectingStorage} does what its plan says. */
class FaultInjectingStorageTest {
    private final MemoryStorage memory = new MemoryStorage("fault-test");

    @Test
    void failsExactlyThePlannedMutatingCallsWithoutEffect() {
        FaultInjectingStorage storage = new FaultInjectingStorage(memory,
                FaultPlan.builder().failMutation(2, 4).build());

        storage.put("a", bytes(1));
        StorageException second = assertThrows(StorageException.class, () -> storage.put("b", bytes(2)));
        assertTrue(storage.putIfAbsent("c", bytes(3)));
        StorageException fourth = assertThrows(StorageException.class, () -> storage.delete("a"));
        storage.put("b", bytes(2));

        assertTrue(second.retryable());
        assertTrue(second.getMessage().startsWith("injected fault"), second.getMessage());
        assertTrue(second.getMessage().contains("put of b"), second.getMessage());
        assertTrue(second.getMessage().contains("#2"), second.getMessage());
        assertTrue(fourth.getMessage().contains("delete of a"), fourth.getMessage());
        assertTrue(memory.head("a").isPresent(), "the failed delete had no effect");
        assertTrue(memory.head("b").isPresent());
        assertTrue(memory.head("c").isPresent());
        assertEquals(5, storage.mutations());
        assertEquals(2, storage.injectedFailures());
        assertFalse(storage.crashed());
    }

    @Test
    void readsAreNotCountedAsMutations() {
        FaultInjectingStorage storage = new FaultInjectingStorage(memory, FaultPlan.builder().failMutation(2).build());

        storage.put("a", bytes(1));
        storage.head("a");
        storage.get("a");
        storage.list("", info -> { });
        assertThrows(StorageException.class, () -> storage.put("b", bytes(1)));

        assertEquals(2, storage.mutations());
    }

    @Test
    void crashStopsEveryLaterCallAndKeepsWhatLanded() {
        FaultInjectingStorage storage = new FaultInjectingStorage(memory,
                FaultPlan.builder().crashAtMutation(3).seed(1).build());
        storage.put("data/1", bytes(1));
        storage.put("data/2", bytes(2));

        SimulatedCrash crash = assertThrows(SimulatedCrash.class, () -> storage.put("data/3", bytes(3)));

        assertTrue(crash.getMessage().contains("data/3"), crash.getMessage());
        assertTrue(storage.crashed());
        assertEquals(Optional.of(memory.head("data/3").isPresent()), storage.crashedCallLanded());
        List<Executable> later = List.of(
                () -> storage.put("data/4", bytes(4)),
                () -> storage.putIfAbsent("data/5", bytes(5)),
                () -> storage.delete("data/1"),
                () -> storage.get("data/1"),
                () -> storage.get("data/1", 0, 1),
                () -> storage.head("data/1"),
                () -> storage.list("", info -> { }));
        for (Executable call : later) {
            assertThrows(SimulatedCrash.class, call);
        }
        assertTrue(memory.head("data/1").isPresent());
        assertTrue(memory.head("data/2").isPresent());
        assertEquals(Optional.empty(), memory.head("data/4"));
        assertEquals(Optional.empty(), memory.head("data/5"));
        assertFalse(storage.describe().isBlank());
        storage.close();
    }

    @Test
    void crashingCallLandsOrNotDependingOnTheSeed() {
        Set<Boolean> outcomes = new HashSet<>();
        for (long seed = 0; seed < 32; seed++) {
            boolean landed = crashOnce(seed);
            assertEquals(landed, crashOnce(seed), "seed " + seed + " replays the same outcome");
            outcomes.add(landed);
        }

        assertEquals(Set.of(true, false), outcomes, "over 32 seeds the crashing call both landed and did not");
    }

    @Test
    void crashDuringDeleteMayLeaveTheObject() {
        for (long seed = 0; seed < 8; seed++) {
            MemoryStorage target = new MemoryStorage("crash-delete");
            target.put("x", bytes(1));
            FaultInjectingStorage storage = new FaultInjectingStorage(target,
                    FaultPlan.builder().crashAtMutation(1).seed(seed).build());

            assertThrows(SimulatedCrash.class, () -> storage.delete("x"));

            assertEquals(storage.crashedCallLanded().orElseThrow(), target.head("x").isEmpty(), "seed " + seed);
        }
    }

    @Test
    void randomFailuresFollowTheProbabilityAndTheSeed() {
        memory.put("a", bytes(1));
        List<Boolean> first = failurePattern(0.3, 99, 1000);
        List<Boolean> again = failurePattern(0.3, 99, 1000);
        long failures = first.stream().filter(failed -> failed).count();

        assertEquals(first, again, "the same seed replays the same failures");
        assertTrue(failures > 230 && failures < 370, failures + " failures in 1000 calls at p = 0.3");
        assertFalse(failurePattern(0, 1, 200).contains(true), "p = 0 never fails");
        assertFalse(failurePattern(1, 1, 200).contains(false), "p = 1 always fails");
    }

    @Test
    void randomFailuresHitMutationsWithoutEffect() {
        FaultInjectingStorage storage = new FaultInjectingStorage(memory,
                FaultPlan.builder().failureProbability(1).build());

        StorageException e = assertThrows(StorageException.class, () -> storage.put("a", bytes(1)));

        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("injected fault"), e.getMessage());
        assertEquals(Optional.empty(), memory.head("a"));
        assertEquals(1, storage.injectedFailures());
    }

    @Test
    void delaysEveryCall() {
        FaultInjectingStorage storage = new FaultInjectingStorage(memory,
                FaultPlan.builder().delay(Duration.ofMillis(40)).build());

        long start = System.nanoTime();
        storage.put("a", bytes(1));
        storage.head("a");
        storage.delete("a");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(elapsed.compareTo(Duration.ofMillis(120)) >= 0, "three calls took only " + elapsed);
    }

    @Test
    void interruptedDelayFailsWithoutEffect() {
        FaultInjectingStorage storage = new FaultInjectingStorage(memory,
                FaultPlan.builder().delay(Duration.ofSeconds(10)).build());

        Thread.currentThread().interrupt();
        try {
            StorageException e = assertThrows(StorageException.class, () -> storage.put("a", bytes(1)));
            assertFalse(e.retryable());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
        }
        assertEquals(Optional.empty(), memory.head("a"));
    }

    @Test
    void planRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().failMutation(0).build());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().crashAtMutation(0));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().failureProbability(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().failureProbability(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().delay(Duration.ofMillis(-1)).build());
    }

    private boolean crashOnce(long seed) {
        MemoryStorage target = new MemoryStorage("crash-" + seed);
        FaultInjectingStorage storage = new FaultInjectingStorage(target,
                FaultPlan.builder().crashAtMutation(1).seed(seed).build());
        assertThrows(SimulatedCrash.class, () -> storage.put("x", bytes(7)));
        boolean landed = target.head("x").isPresent();
        assertEquals(Optional.of(landed), storage.crashedCallLanded());
        return landed;
    }

    private List<Boolean> failurePattern(double probability, long seed, int calls) {
        Storage storage = new FaultInjectingStorage(memory,
                FaultPlan.builder().failureProbability(probability).seed(seed).build());
        List<Boolean> pattern = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                storage.head("a");
                pattern.add(false);
            } catch (StorageException e) {
                assertTrue(e.retryable());
                pattern.add(true);
            }
        }
        return pattern;
    }

    private static Payload bytes(int size) {
        return Payload.of(new byte[size]);
    }
}
