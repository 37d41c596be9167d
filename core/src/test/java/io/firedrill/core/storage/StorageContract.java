package io.firedrill.core.storage;

import static io.firedrill.core.storage.StreamAssertions.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ObjectNotFoundException;
import io.firedrill.api.StorageException;
import io.firedrill.api.spi.ObjectInfo;
import io.firedrill.api.spi.Payload;
import io.firedrill.api.spi.Storage;
import io.firedrill.api.spi.StorageFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage} must show. A storage plugin tests itself by extending this class and
 * implementing {@link #newStorage()}; every test then runs against a fresh, empty storage, closed afterwards.
 *
 * <p>Tests of optional operations run only when the storage announces the feature. Listing tests expect the
 * written objects at once when the storage announces {@link StorageFeature#CONSISTENT_LIST}, and otherwise
 * poll for up to {@link #listingSettleTime()}.
 */
public abstract class StorageContract {
    private static final int LARGE = 20 * 1024 * 1024;
    private static final int THREADS = 8;

    private Storage storage;

    /** A new, empty storage. Called once before each test. */
    protected abstract Storage newStorage();

    /** How long a storage without consistent listings may take to show a write in a listing. */
    protected Duration listingSettleTime() {
        return Duration.ofSeconds(10);
    }

    /** The storage under test. */
    protected final Storage storage() {
        return storage;
    }

    @BeforeEach
    final void openStorage() {
        storage = newStorage();
    }

    @AfterEach
    final void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void emptyObjectRoundTrips() throws IOException {
        storage.put("empty", Payload.of(new byte[0]));

        assertArrayEquals(new byte[0], read("empty"));
        assertEquals(Optional.of(new ObjectInfo("empty", 0)), storage.head("empty"));
    }

    @Test
    void smallObjectRoundTrips() throws IOException {
        storage.put("small", text("hello, storage"));

        assertEquals("hello, storage", new String(read("small"), StandardCharsets.UTF_8));
    }

    @Test
    void largeObjectStreamsRoundTrip() {
        GeneratedPayload payload = new GeneratedPayload(20, LARGE);

        storage.put("large", payload);

        assertEquals(Optional.of(new ObjectInfo("large", LARGE)), storage.head("large"));
        assertSameContent(payload.open(), storage.get("large"), "20 MiB object 'large'");
    }

    @Test
    void putReplacesAnExistingObject() throws IOException {
        storage.put("lock", text("a longer first version"));

        storage.put("lock", text("second"));

        assertEquals("second", new String(read("lock"), StandardCharsets.UTF_8));
        assertEquals(Optional.of(new ObjectInfo("lock", 6)), storage.head("lock"));
    }

    @Test
    void headReportsSizeOfPresentObjectAndNothingForAbsentOne() {
        storage.put("data/ab/abc", Payload.of(new byte[1234]));

        assertEquals(Optional.of(new ObjectInfo("data/ab/abc", 1234)), storage.head("data/ab/abc"));
        assertEquals(Optional.empty(), storage.head("data/ab/abd"));
        assertEquals(Optional.empty(), storage.head("data/zz/abc"));
    }

    @Test
    void getOfMissingObjectThrowsObjectNotFound() {
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> storage.get("data/no/such"));
        assertEquals("data/no/such", e.objectName());
    }

    @Test
    void rangedGetOfMissingObjectThrowsObjectNotFound() {
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class,
                () -> storage.get("data/no/such", 0, 0));
        assertEquals("data/no/such", e.objectName());
    }

    @Test
    void rangedGetReturnsExactlyTheSlice() throws IOException {
        int size = 300 * 1024;
        GeneratedPayload payload = new GeneratedPayload(7, size);
        storage.put("packs/p1", payload);

        long[][] ranges = {
            {0, 100}, {0, size}, {150_000, 70_000}, {size - 1, 1}, {size - 65_536, 65_536},
            {0, 0}, {12_345, 0}, {size, 0},
        };
        for (long[] range : ranges) {
            try (InputStream in = storage.get("packs/p1", range[0], range[1])) {
                assertArrayEquals(payload.slice(range[0], (int) range[1]), in.readAllBytes(),
                        "range " + range[0] + "+" + range[1]);
            }
        }
    }

    /**
     * A range that does not lie inside the object is refused, with an {@link IllegalArgumentException} or a
     * non-retryable {@link StorageException}, rather than returning fewer bytes than asked.
     */
    @Test
    void rangedGetOutsideTheObjectIsRejected() {
        storage.put("packs/p2", Payload.of(new byte[1000]));

        long[][] ranges = {{995, 10}, {1001, 0}, {-1, 5}, {0, 1001}};
        for (long[] range : ranges) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> storage.get("packs/p2", range[0], range[1]).close(), "range " + range[0] + "+" + range[1]);
            assertTrue(e instanceof IllegalArgumentException || e instanceof StorageException s && !s.retryable(),
                    "range " + range[0] + "+" + range[1] + " failed with " + e);
        }
    }

    @Test
    void listReportsExactlyTheObjectsStartingWithThePrefix() {
        Map<String, Integer> all = new TreeMap<>(Map.of(
                "data/ab/abc1", 1, "data/ab/abd2", 2, "data/ac/acx", 3, "data/abc", 4,
                "dataset/x", 5, "index/1", 6));
        all.forEach((name, size) -> storage.put(name, Payload.of(new byte[size])));

        assertListing("data/ab/", Map.of("data/ab/abc1", 1, "data/ab/abd2", 2));
        assertListing("data/ab", Map.of("data/ab/abc1", 1, "data/ab/abd2", 2, "data/abc", 4));
        assertListing("data/ab/abc", Map.of("data/ab/abc1", 1));
        assertListing("data/", Map.of("data/ab/abc1", 1, "data/ab/abd2", 2, "data/ac/acx", 3, "data/abc", 4));
        assertListing("data", Map.of("data/ab/abc1", 1, "data/ab/abd2", 2, "data/ac/acx", 3, "data/abc", 4,
                "dataset/x", 5));
        assertListing("i", Map.of("index/1", 6));
        assertListing("", all);
    }

    @Test
    void listOfMissingPrefixIsEmpty() {
        storage.put("data/ab/abc", text("x"));

        assertEquals(Map.of(), list("nothing/here/"));
        assertEquals(Map.of(), list("data/zz"));
        assertEquals(Map.of(), list("data/ab/abc/"));
    }

    @Test
    void listOfEmptyStorageIsEmpty() {
        assertEquals(Map.of(), list(""));
    }

    @Test
    void deletedObjectIsGone() {
        storage.put("snapshots/s1", text("manifest"));
        storage.put("snapshots/s2", text("manifest"));

        storage.delete("snapshots/s1");

        assertEquals(Optional.empty(), storage.head("snapshots/s1"));
        assertThrows(ObjectNotFoundException.class, () -> storage.get("snapshots/s1"));
        assertListing("snapshots/", Map.of("snapshots/s2", 8));
    }

    @Test
    void deleteOfMissingObjectSucceeds() {
        storage.delete("never/written");
        storage.put("once", text("x"));
        storage.delete("once");
        storage.delete("once");

        assertEquals(Optional.empty(), storage.head("once"));
    }

    @Test
    void namesWithSeveralLevelsAreIndependentObjects() throws IOException {
        storage.put("a/b/c/d/e/f", text("deep"));
        storage.put("a/b/x", text("shallow"));
        storage.put("a/bc", text("sibling"));

        assertEquals("deep", new String(read("a/b/c/d/e/f"), StandardCharsets.UTF_8));
        assertEquals("shallow", new String(read("a/b/x"), StandardCharsets.UTF_8));
        assertListing("a/b/", Map.of("a/b/c/d/e/f", 4, "a/b/x", 7));
        assertListing("a/b/c/d/", Map.of("a/b/c/d/e/f", 4));
    }

    @Test
    void putWhosePayloadFailsStoresNothing() {
        StorageException e = assertThrows(StorageException.class,
                () -> storage.put("broken", new FailingPayload(200_000, 100_000)));
        assertFalse(e.getMessage().isBlank());

        assertEquals(Optional.empty(), storage.head("broken"));
        assertEquals(Map.of(), list(""));
    }

    @Test
    void failedOverwriteKeepsThePreviousObject() throws IOException {
        storage.put("lock", text("previous"));

        assertThrows(StorageException.class, () -> storage.put("lock", new FailingPayload(200_000, 100_000)));

        assertEquals("previous", new String(read("lock"), StandardCharsets.UTF_8));
    }

    @Test
    void putOfPayloadShorterThanAnnouncedFails() {
        Payload lying = new Payload() {
            @Override
            public long length() {
                return 10;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(new byte[5]);
            }
        };

        assertThrows(StorageException.class, () -> storage.put("short", lying));

        assertEquals(Optional.empty(), storage.head("short"));
    }

    @Test
    void putIfAbsentCreatesOnlyTheFirstTime() throws IOException {
        if (!storage.features().contains(StorageFeature.CREATE_IF_ABSENT)) {
            assertThrows(UnsupportedOperationException.class, () -> storage.putIfAbsent("locks/x", text("x")));
            return;
        }

        assertTrue(storage.putIfAbsent("locks/exclusive", text("first")));
        assertFalse(storage.putIfAbsent("locks/exclusive", text("second")));

        assertEquals("first", new String(read("locks/exclusive"), StandardCharsets.UTF_8));
    }

    @Test
    void putIfAbsentOfLargeObjectsCreatesOnlyTheFirstTime() {
        if (!storage.features().contains(StorageFeature.CREATE_IF_ABSENT)) {
            assertThrows(UnsupportedOperationException.class, () -> storage.putIfAbsent("locks/x", text("x")));
            return;
        }
        GeneratedPayload first = new GeneratedPayload(31, LARGE);

        assertTrue(storage.putIfAbsent("config-large", first));
        assertFalse(storage.putIfAbsent("config-large", new GeneratedPayload(32, LARGE)));

        assertSameContent(first.open(), storage.get("config-large"), "large object created if absent");
    }

    @Test
    void putIfAbsentAfterDeleteCreatesAgain() throws IOException {
        if (!storage.features().contains(StorageFeature.CREATE_IF_ABSENT)) {
            assertThrows(UnsupportedOperationException.class, () -> storage.putIfAbsent("locks/x", text("x")));
            return;
        }
        storage.putIfAbsent("locks/exclusive", text("first"));
        storage.delete("locks/exclusive");

        assertTrue(storage.putIfAbsent("locks/exclusive", text("again")));

        assertEquals("again", new String(read("locks/exclusive"), StandardCharsets.UTF_8));
    }

    @Test
    void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
        if (!storage.features().contains(StorageFeature.CREATE_IF_ABSENT)) {
            assertThrows(UnsupportedOperationException.class, () -> storage.putIfAbsent("locks/x", text("x")));
            return;
        }
        for (int round = 0; round < 5; round++) {
            String name = "locks/race-" + round;
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Boolean> outcomes = runConcurrently(thread -> {
                start.await();
                return storage.putIfAbsent(name, new GeneratedPayload(thread, 100_000));
            });

            List<Integer> winners = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                if (outcomes.get(thread)) {
                    winners.add(thread);
                }
            }
            assertEquals(1, winners.size(), "round " + round + ": winners " + winners);
            assertSameContent(new GeneratedPayload(winners.get(0), 100_000).open(), storage.get(name),
                    "object written by the winner of round " + round);
        }
    }

    @Test
    void concurrentWritersOfDifferentNamesAllLand() throws Exception {
        int perThread = 25;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        runConcurrently(thread -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
                storage.put("data/t" + thread + "/o" + i, new GeneratedPayload(thread * 1000L + i, 1000 + i));
            }
            return true;
        });

        Map<String, Long> expected = new TreeMap<>();
        for (int thread = 0; thread < THREADS; thread++) {
            for (int i = 0; i < perThread; i++) {
                String name = "data/t" + thread + "/o" + i;
                expected.put(name, 1000L + i);
                assertSameContent(new GeneratedPayload(thread * 1000L + i, 1000 + i).open(), storage.get(name), name);
            }
        }
        awaitListing("data/", expected);
    }

    @Test
    void featuresAreStable() {
        Set<StorageFeature> features = storage.features();

        assertEquals(features, storage.features());
        assertFalse(storage.describe().isBlank());
    }

    // ---- helpers

    private byte[] read(String name) throws IOException {
        try (InputStream in = storage.get(name)) {
            return in.readAllBytes();
        }
    }

    private static Payload text(String text) {
        return Payload.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Long> list(String prefix) {
        Map<String, Long> listed = new ConcurrentSkipListMap<>();
        storage.list(prefix, info -> {
            Long previous = listed.put(info.name(), info.size());
            if (previous != null) {
                throw new AssertionError("listing of '" + prefix + "' reported " + info.name() + " twice");
            }
        });
        return new TreeMap<>(listed);
    }

    private void assertListing(String prefix, Map<String, Integer> expected) {
        Map<String, Long> sizes = new TreeMap<>();
        expected.forEach((name, size) -> sizes.put(name, (long) size));
        awaitListing(prefix, sizes);
    }

    private void awaitListing(String prefix, Map<String, Long> expected) {
        boolean consistent = storage.features().contains(StorageFeature.CONSISTENT_LIST);
        long deadline = System.nanoTime() + listingSettleTime().toNanos();
        Map<String, Long> listed = list(prefix);
        while (!consistent && !listed.equals(expected) && System.nanoTime() < deadline) {
            sleep(100);
            listed = list(prefix);
        }
        assertEquals(expected, listed, "listing of prefix '" + prefix + "'");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a listing", e);
        }
    }

    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    private static <T> List<T> runConcurrently(ThreadTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int id = thread;
                futures.add(pool.submit(() -> task.run(id)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
