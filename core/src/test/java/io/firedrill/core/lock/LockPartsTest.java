package io.firedrill.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small parts of the lock protocol: modes, settings, names, file format, backoff, liveness. */
class LockPartsTest {
    private static final Instant T = Instant.parse("2026-11-21T05:53:00Z");

    @Test
    void exclusiveConflictsWithEverythingAndSharedOnlyWithExclusive() {
        assertFalse(LockMode.SHARED.conflictsWith(LockMode.SHARED));
        assertTrue(LockMode.SHARED.conflictsWith(LockMode.EXCLUSIVE));
        assertTrue(LockMode.EXCLUSIVE.conflictsWith(LockMode.SHARED));
        assertTrue(LockMode.EXCLUSIVE.conflictsWith(LockMode.EXCLUSIVE));
    }

    @Test
    void settingsDeriveTheHeartbeatAndRejectUnsafeTimings() {
        LockSettings settings = settings(Duration.ofMinutes(4), Duration.ofSeconds(3));
        assertEquals(Duration.ofMinutes(1), settings.heartbeatInterval());

        InvalidConfigurationException settle = assertThrows(InvalidConfigurationException.class,
                () -> settings(Duration.ofSeconds(8), Duration.ofSeconds(2)));
        assertTrue(settle.getMessage().contains("settle"), settle.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> new LockSettings("h", 1, "o",
                Duration.ofMinutes(1), Duration.ofSeconds(-1), Duration.ZERO, Clock.systemUTC()));
        assertThrows(InvalidConfigurationException.class, () -> new LockSettings(" ", 1, "o",
                Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, Clock.systemUTC()));
        assertThrows(InvalidConfigurationException.class, () -> new LockSettings("h", 0, "o",
                Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, Clock.systemUTC()));
    }

    @Test
    void settingsForThisProcessUseItsPid() {
        LockSettings settings = LockSettings.forThisProcess("backup", Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(2));
        assertEquals(ProcessHandle.current().pid(), settings.pid());
        assertFalse(settings.host().isBlank());
    }

    @Test
    void lockNamesCarryTheirCreationTimeAndARandomPart() {
        String first = LockNames.newName(T);
        String second = LockNames.newName(T);

        assertTrue(first.matches("locks/" + T.toEpochMilli() + "-[0-9a-f]{16}"), first);
        assertFalse(first.equals(second));
        assertEquals(Optional.of(T), LockNames.createdAt(first));
        assertEquals(Optional.empty(), LockNames.createdAt("locks/README"));
        assertEquals(Optional.empty(), LockNames.createdAt("locks/123-XYZ"));
    }

    @Test
    void lockFilesRoundTripAndIgnoreUnknownFields() {
        LockFile lock = new LockFile(LockMode.EXCLUSIVE, "db-7", 4711, "prune", T, T.plusSeconds(60));
        assertEquals(lock, LockFile.decode(lock.encode()));

        String newer = "{\"version\":2,\"mode\":\"SHARED\",\"host\":\"h\",\"pid\":3,\"owner\":\"o\","
                + "\"created\":\"2026-11-21T05:53:00Z\",\"heartbeat\":\"2026-11-21T05:54:00Z\",\"extra\":true}";
        assertEquals(new LockFile(LockMode.SHARED, "h", 3, "o", T, T.plusSeconds(60)),
                LockFile.decode(newer.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedLockFilesAreRejectedWithTheReason() {
        for (String bad : new String[] {"", "[]", "{\"version\":1}", "{\"version\":0,\"mode\":\"SHARED\"}",
            "{\"version\":1,\"mode\":\"SHARED\",\"host\":\"h\",\"pid\":\"x\",\"owner\":\"o\","
                    + "\"created\":\"2026-11-21T05:53:00Z\",\"heartbeat\":\"2026-11-21T05:54:00Z\"}",
            "{\"version\":1,\"mode\":\"SHARED\",\"host\":\"h\",\"pid\":3,\"owner\":\"o\","
                    + "\"created\":\"yesterday\",\"heartbeat\":\"2026-11-21T05:54:00Z\"}",
            "{\"version\":1,\"mode\":\"APPEND\",\"host\":\"h\",\"pid\":3,\"owner\":\"o\","
                    + "\"created\":\"2026-11-21T05:53:00Z\",\"heartbeat\":\"2026-11-21T05:54:00Z\"}"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> LockFile.decode(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void backoffGrowsIsJitteredAndIsCapped() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (int i = 0; i < 200; i++) {
            Duration first = backoff.delay(0);
            assertTrue(first.compareTo(Duration.ofMillis(50)) >= 0 && first.compareTo(Duration.ofMillis(100)) <= 0);
            Duration third = backoff.delay(2);
            assertTrue(third.compareTo(Duration.ofMillis(200)) >= 0 && third.compareTo(Duration.ofMillis(400)) <= 0);
            Duration late = backoff.delay(1000);
            assertTrue(late.compareTo(Duration.ofSeconds(1)) >= 0 && late.compareTo(Duration.ofSeconds(2)) <= 0);
        }
    }

    @Test
    void livenessJudgesByHeartbeatAndBySameHostProcess() {
        LockSettings settings = new LockSettings("here", 100, "me", Duration.ofMinutes(1), Duration.ZERO,
                Duration.ZERO, Clock.systemUTC());
        LockLiveness liveness = new LockLiveness(settings, pid -> pid == 200);
        Instant now = T.plusSeconds(30);

        assertEquals(Optional.empty(), liveness.staleReason(lock("here", 200, T), now));
        assertEquals(Optional.empty(), liveness.staleReason(lock("elsewhere", 300, T), now));
        assertEquals(Optional.empty(), liveness.staleReason(lock("here", 100, T), now), "same process: live");
        assertTrue(liveness.staleReason(lock("HERE", 300, T), now).orElseThrow().contains("process 300"));
        assertTrue(liveness.staleReason(lock("elsewhere", 200, T), T.plusSeconds(61)).orElseThrow()
                .contains("heartbeat"));
        assertEquals(Optional.empty(), liveness.staleReason(lock("elsewhere", 200, T), T.plusSeconds(60)),
                "exactly the expiry is not yet stale");
    }

    private static LockFile lock(String host, long pid, Instant heartbeat) {
        return new LockFile(LockMode.SHARED, host, pid, "someone", heartbeat, heartbeat);
    }

    private static LockSettings settings(Duration expiry, Duration settle) {
        return new LockSettings("h", 1, "o", expiry, Duration.ZERO, settle, Clock.systemUTC());
    }
}
