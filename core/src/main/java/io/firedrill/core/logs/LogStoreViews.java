package io.firedrill.core.logs;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.spi.LogStore;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.json.Json;
import java.io.IOException;
import java.time.Instant;

/** Parses log entries and turns them into the public view. */
final class LogStoreViews {
    private LogStoreViews() {
    }

    static LogEntry parse(byte[] json, String object) {
        try {
            LogEntry entry = Json.read(json, LogEntry.class);
            if (entry.version() != 1 || entry.chunks() == null || entry.size() < 0 || entry.chunkSize() <= 0) {
                throw new CorruptObjectException(object, "log entry version " + entry.version() + " is malformed");
            }
            entry.chunks().forEach(BlobId::parse);
            Instant.parse(entry.archived());
            return entry;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptObjectException c) {
                throw c;
            }
            throw new CorruptObjectException(object, "malformed log entry: " + e.getMessage(), e);
        }
    }

    static LogStore.LogFile file(LogEntry e) {
        return new LogStore.LogFile(e.stream(), e.name(), e.size(), Instant.parse(e.archived()));
    }
}
