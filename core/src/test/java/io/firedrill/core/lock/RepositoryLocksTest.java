package io.firedrill.core.lock;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RepositoryLockedException;
import io.firedrill.api.spi.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RepositoryLocksTest {
    private static final String HOST = "test-host";
    private static final long PID = ProcessHandle.current().pid();
    private static final Duration EXPIRY = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofMillis(5);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50));

    private final InterceptingStorage storage = new InterceptingStorage();

    @Test
    void twoSharedLocksCoexist() {
        try (RepositoryLock first = acquire(LockMode.SHARED, "backup db1", Duration.ZERO);
             RepositoryLock second = acquire(LockMode.SHARED, "backup db2", Duration.ZERO)) {
            assertEquals(List.of(first.name(), second.name()).stream().sorted().toList(), lockFiles());
            first.checkValid();
            second.checkValid();
        }
        assertEquals(List.of(), lockFiles());
    }

    @Test
    void anExclusiveLockWaitsForASharedOneAndTakesItOnceReleased() throws Exception {
        RepositoryLock shared = acquire(LockMode.SHARED, "backup db1", Duration.ZERO);
        CompletableFuture<RepositoryLock> exclusive =
                CompletableFuture.supplyAsync(() -> acquire(LockMode.EXCLUSIVE, "prune", Duration.ofSeconds(5)));
        Thread.sleep(300);
        assertFalse(exclusive.isDone(), "the exclusive lock was taken while a shared lock was held");

        shared.close();

        try (RepositoryLock prune = exclusive.get(5, TimeUnit.SECONDS)) {
            assertEquals(LockMode.EXCLUSIVE, prune.mode());
            assertEquals(List.of(prune.name()), lockFiles());
        }
    }

    @Test
    void anExclusiveLockGivesUpAfterTheWaitAndNamesTheHolder() {
        try (RepositoryLock shared = acquire(LockMode.SHARED, "backup db1", Duration.ZERO)) {
            long started = System.nanoTime();

            RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                    () -> acquire(LockMode.EXCLUSIVE, "prune", Duration.ofMillis(300)));

            assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
            assertEquals(ErrorCode.REPOSITORY_LOCKED, e.code());
            String message = e.getMessage();
            for (String expected : List.of("EXCLUSIVE", "SHARED lock", "'backup db1'", HOST, "pid " + PID,
                    shared.created().toString(), shared.name(), storage.describe())) {
                assertTrue(message.contains(expected), () -> "'" + expected + "' missing from: " + message);
            }
            assertEquals(List.of(shared.name()), lockFiles(), "the failed attempt left its own lock file");
        }
    }

    @Test
    void aSharedLockGivesUpWhileAnExclusiveOneIsHeld() {
        try (RepositoryLock prune = acquire(LockMode.EXCLUSIVE, "prune", Duration.ZERO)) {
            RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                    () -> acquire(LockMode.SHARED, "backup db1", Duration.ofMillis(100)));

            assertTrue(e.getMessage().contains("EXCLUSIVE lock of owner 'prune'"), e.getMessage());
            assertEquals(List.of(prune.name()), lockFiles());
        }
    }

    @Test
    void twoExclusiveLocksExcludeEachOther() {
        try (RepositoryLock first = acquire(LockMode.EXCLUSIVE, "prune 1", Duration.ZERO)) {
            assertThrows(RepositoryLockedException.class,
                    () -> acquire(LockMode.EXCLUSIVE, "prune 2", Duration.ofMillis(100)));
            first.checkValid();
        }
        try (RepositoryLock second = acquire(LockMode.EXCLUSIVE, "prune 2", Duration.ZERO)) {
            assertEquals(List.of(second.name()), lockFiles());
        }
    }

    @Test
    void aLockWithAnOldHeartbeatIsReclaimed() {
        Instant now = Instant.now();
        String stale = writeLock(new LockFile(LockMode.EXCLUSIVE, "other-host", 77, "prune elsewhere",
                now.minus(Duration.ofHours(2)), now.minus(EXPIRY).minusSeconds(1)));

        try (RepositoryLock lock = acquire(LockMode.SHARED, "backup db1", Duration.ZERO)) {
            assertEquals(List.of(lock.name()), lockFiles());
        }
        assertFalse(storage.head(stale).isPresent());
    }

    @Test
    void aLockWithARecentHeartbeatOnAnotherHostIsRespectedWhateverItsPid() {
        Instant now = Instant.now();
        writeLock(new LockFile(LockMode.EXCLUSIVE, "other-host", unusedPid(), "prune elsewhere", now,
                now.minus(EXPIRY).plusSeconds(2)));

        RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                () -> acquire(LockMode.SHARED, "backup db1", Duration.ZERO));
        assertTrue(e.getMessage().contains("'prune elsewhere' on host other-host"), e.getMessage());
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsReclaimedAtOnce() {
        Instant now = Instant.now();
        long deadPid = unusedPid();
        String dead = writeLock(new LockFile(LockMode.EXCLUSIVE, HOST, deadPid, "crashed prune", now, now));

        try (RepositoryLock lock = acquire(LockMode.SHARED, "backup db1", Duration.ZERO)) {
            assertEquals(List.of(lock.name()), lockFiles());
        }
        assertFalse(storage.head(dead).isPresent());
    }

    @Test
    void aLockOfAnotherRunningProcessOnThisHostIsRespected() {
        long otherPid = ProcessHandle.current().parent().orElseThrow().pid();
        Instant now = Instant.now();
        writeLock(new LockFile(LockMode.EXCLUSIVE, HOST, otherPid, "prune next door", now, now));

        assertThrows(RepositoryLockedException.class, () -> acquire(LockMode.SHARED, "backup db1", Duration.ZERO));
    }

    @Test
    void aLockOfThisVeryProcessIsLiveWhateverItsOwner() {
        Instant now = Instant.now();
        writeLock(new LockFile(LockMode.EXCLUSIVE, HOST, PID, "another thread's prune", now, now));

        assertThrows(RepositoryLockedException.class, () -> acquire(LockMode.SHARED, "backup db1", Duration.ZERO));
    }

    @Test
    void anUnreadableLockBlocksUntilItsNameIsOlderThanTheExpiry() {
        String young = LockNames.newName(Instant.now());
        storage.put(young, Payload.of("{\"version\":1,\"mo".getBytes(StandardCharsets.UTF_8)));

        RepositoryLockedException e = assertThrows(RepositoryLockedException.class,
                () -> acquire(LockMode.SHARED, "backup db1", Duration.ZERO));
        assertTrue(e.getMessage().contains("unreadable lock (lock file " + young), e.getMessage());

        storage.delete(young);
        String old = LockNames.newName(Instant.now().minus(EXPIRY).minusSeconds(1));
        storage.put(old, Payload.of("garbage".getBytes(StandardCharsets.UTF_8)));
        try (RepositoryLock lock = acquire(LockMode.EXCLUSIVE, "prune", Duration.ZERO)) {
            assertEquals(List.of(lock.name()), lockFiles());
        }
    }

    @Test
    void aLockThatVanishesBetweenListingAndReadingIsIgnored() {
        Instant now = Instant.now();
        String released = writeLock(new LockFile(LockMode.EXCLUSIVE, "other-host", 5, "prune", now, now));
        storage.vanishOnRead.add(released);

        try (RepositoryLock lock = acquire(LockMode.SHARED, "backup db1", Duration.ZERO)) {
            lock.checkValid();
        }
    }

    @Test
    void objectsUnderLocksThatAreNotLockFilesAreIgnored() {
        storage.put("locks/README", Payload.of("not a lock".getBytes(StandardCharsets.UTF_8)));

        try (RepositoryLock lock = acquire(LockMode.EXCLUSIVE, "prune", Duration.ZERO)) {
            lock.checkValid();
        }
        assertTrue(storage.head("locks/README").isPresent());
    }

    @Test
    void theHeartbeatKeepsALongHeldLockFresh() throws Exception {
        Duration expiry = Duration.ofMillis(400);
        LockSettings holderSettings = settings("long backup", expiry, Duration.ZERO, Clock.systemUTC());
        LockSettings rivalSettings = settings("prune", expiry, Duration.ZERO, Clock.systemUTC());
        try (RepositoryLock holder = RepositoryLocks.acquire(storage, LockMode.SHARED, holderSettings, FAST,
                new LockLiveness(holderSettings))) {
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int refusals = 0;
            while (System.nanoTime() < end) {
                assertThrows(RepositoryLockedException.class, () -> RepositoryLocks.acquire(storage,
                        LockMode.EXCLUSIVE, rivalSettings, FAST, new LockLiveness(rivalSettings)));
                refusals++;
                holder.checkValid();
                Thread.sleep(50);
            }
            assertTrue(refusals > 5);
            LockFile written = readLock(holder.name());
            assertTrue(Duration.between(written.heartbeat(), Instant.now()).compareTo(expiry.dividedBy(2)) < 0,
                    "heartbeat " + written.heartbeat() + " is not fresh");
            assertEquals(holder.created(), written.created());
            assertEquals(List.of(holder.name()), lockFiles());
        }
    }

    @Test
    void checkValidFailsOnceTheLockFileWasDeletedBehindItsBack() throws Exception {
        try (RepositoryLock lock = acquire(LockMode.SHARED, "backup db1", Duration.ZERO)) {
            storage.delete(lock.name());

            FiredrillException e = assertThrows(FiredrillException.class, lock::checkValid);

            assertEquals(ErrorCode.REPOSITORY_LOCKED, e.code());
            assertTrue(e.getMessage().contains(lock.name()) && e.getMessage().contains("disappeared"),
                    e.getMessage());
        }
    }

    @Test
    void theHeartbeatDoesNotResurrectADeletedLockFile() throws Exception {
        Duration expiry = Duration.ofMillis(200);
        LockSettings settings = settings("backup db1", expiry, Duration.ZERO, Clock.systemUTC());
        try (RepositoryLock lock = RepositoryLocks.acquire(storage, LockMode.SHARED, settings, FAST,
                new LockLiveness(settings))) {
            storage.delete(lock.name());
            Thread.sleep(300);

            assertFalse(storage.head(lock.name()).isPresent());
            assertThrows(FiredrillException.class, lock::checkValid);
        }
    }

    @Test
    void checkValidFailsWhenTheHeartbeatCouldNotBeWrittenForHalfTheExpiry() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T05:53:00Z"));
        Duration expiry = Duration.ofMillis(400);
        LockSettings settings = settings("backup db1", expiry, Duration.ZERO, clock);
        try (RepositoryLock lock = RepositoryLocks.acquire(storage, LockMode.SHARED, settings, FAST,
                new LockLiveness(settings))) {
            storage.failPuts = true;
            clock.advance(Duration.ofMillis(150));
            lock.checkValid();

            clock.advance(Duration.ofMillis(100));
            FiredrillException e = assertThrows(FiredrillException.class, lock::checkValid);
            assertEquals(ErrorCode.REPOSITORY_LOCKED, e.code());
            assertTrue(e.getMessage().contains("half the expiry"), e.getMessage());

            storage.failPuts = false;
            int putsBefore = storage.puts.get();
            Thread.sleep(250);
            assertEquals(putsBefore, storage.puts.get(), "a lost lock was rewritten");
            assertThrows(FiredrillException.class, lock::checkValid, "a lost lock became valid again");
        }
    }

    @Test
    void closeDeletesTheLockFileAndMayBeRepeated() {
        RepositoryLock lock = acquire(LockMode.EXCLUSIVE, "prune", Duration.ZERO);

        lock.close();
        lock.close();

        assertEquals(List.of(), lockFiles());
        FiredrillException e = assertThrows(FiredrillException.class, lock::checkValid);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void anInterruptedWaitRemovesItsLockFileAndReportsCancellation() throws Exception {
        try (RepositoryLock prune = acquire(LockMode.EXCLUSIVE, "prune", Duration.ZERO)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    acquire(LockMode.SHARED, "backup db1", Duration.ofSeconds(30)).close();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            waiter.start();
            Thread.sleep(200);
            waiter.interrupt();
            waiter.join(5000);

            assertTrue(failure.get() instanceof FiredrillException, String.valueOf(failure.get()));
            assertEquals(ErrorCode.CANCELLED, ((FiredrillException) failure.get()).code());
            assertEquals(List.of(prune.name()), lockFiles());
        }
    }

    @Test
    void theLockFileHoldsTheDocumentedJson() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T05:53:00Z"));
        LockSettings settings = settings("backup db1", EXPIRY, Duration.ZERO, clock);
        try (RepositoryLock lock = RepositoryLocks.acquire(storage, LockMode.SHARED, settings, FAST,
                new LockLiveness(settings))) {
            assertTrue(lock.name().matches("locks/" + clock.instant().toEpochMilli() + "-[0-9a-f]{16}"), lock.name());
            String json = new String(read(lock.name()), StandardCharsets.UTF_8);
            assertEquals("{\"version\":1,\"mode\":\"SHARED\",\"host\":\"test-host\",\"pid\":" + PID
                    + ",\"owner\":\"backup db1\",\"created\":\"2026-11-21T05:53:00Z\","
                    + "\"heartbeat\":\"2026-11-21T05:53:00Z\"}", json);
        }
    }

    private RepositoryLock acquire(LockMode mode, String owner, Duration wait) {
        LockSettings settings = settings(owner, EXPIRY, wait, Clock.systemUTC());
        return RepositoryLocks.acquire(storage, mode, settings, FAST, new LockLiveness(settings));
    }

    private static LockSettings settings(String owner, Duration expiry, Duration wait, Clock clock) {
        return new LockSettings(HOST, PID, owner, expiry, wait, SETTLE.compareTo(expiry.dividedBy(4)) < 0
                ? SETTLE : Duration.ZERO, clock);
    }

    private String writeLock(LockFile lock) {
        String name = LockNames.newName(lock.created());
        storage.put(name, Payload.of(lock.encode()));
        return name;
    }

    private LockFile readLock(String name) {
        return LockFile.decode(read(name));
    }

    private byte[] read(String name) {
        try (InputStream in = storage.get(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lockFiles() {
        List<String> names = new ArrayList<>();
        storage.list(LockNames.PREFIX, info -> names.add(info.name()));
        names.sort(null);
        return names;
    }

    /** A pid no process has right now. */
    static long unusedPid() {
        for (long pid = 999_983; pid > 1; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
        throw new IllegalStateException("every pid below 999983 is in use");
    }
}
