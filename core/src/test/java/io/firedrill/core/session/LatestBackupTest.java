package io.firedrill.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RestoreResult;
import io.firedrill.core.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup ids carry their start time only to the second; several backups taken within one second must still be
 * listed oldest first, and {@code restore().latest()} must pick the newest.
 */
class LatestBackupTest {
    @TempDir
    Path dir;

    /** Starts at a whole second and advances one millisecond per reading, so everything below shares a second. */
    static final class SteppingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void backupsOfOneSecondAreListedInOrderAndLatestIsTheNewest() throws IOException {
        MemoryStorage mem = new MemoryStorage("latest");
        Harness.init(mem).close();
        Path source = dir.resolve("source");
        Harness.writeTree(source, 1, 2, 10_000, 20_000);
        List<BackupId> taken = new ArrayList<>();
        try (Firedrill fd = Harness.configure(mem).clock(new SteppingClock()).load()) {
            for (int i = 0; i < 8; i++) {
                Harness.scribble(Harness.treeFile(source, 1, 1), i, 1000);
                taken.add(fd.backup().directory(source).sourceName("src").run().backup().id());
                assertEquals(taken, fd.list().stream().map(BackupInfo::id).toList(), "list() is oldest first");
                Path target = dir.resolve("restore-" + i);
                RestoreResult restored = fd.restore().latest().to(target).run();
                assertEquals(taken.get(i), restored.backup(), "restore().latest() after backup #" + i);
                Trees.assertSameTree(source, target);
            }
        }
    }
}
