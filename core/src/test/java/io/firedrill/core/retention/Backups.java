package io.firedrill.core.retention;

import io.firedrill.api.BackupId;
import io.firedrill.api.BackupInfo;
import io.firedrill.api.BackupStats;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Builds {@link BackupInfo} values for retention tests. */
final class Backups {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Backups() {
    }

    /** A backup of {@code source} that started at {@code started}; {@code suffix} makes its id unique. */
    static BackupInfo backup(String source, Instant started, int suffix) {
        BackupId id = BackupId.of(ID_TIME.format(started) + "-" + String.format("%08x", suffix));
        return new BackupInfo(id, source, "directory", "host-a", started, started.plusSeconds(60), List.of(),
                new BackupStats(1, 1, 1, 1, 1), Map.of());
    }
}
