package io.firedrill.core.copy;

import io.firedrill.api.CorruptObjectException;
import io.firedrill.core.backup.EngineDetails;
import io.firedrill.core.catalog.CatalogEntry;
import io.firedrill.core.index.BlobId;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.logs.LogEntry;
import io.firedrill.core.logs.RepositoryLogStore;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.repository.Repository;
import io.firedrill.core.session.Progress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies the archived log files of a stream: the chunks first (through the {@link BlobTransfer}), committed, then
 * the entries, so an entry exists at the destination only once its chunks are durable and indexed there. A file
 * already at the destination is skipped without being read, since complete log files never change; a
 * {@code .partial} file is copied again when its size or archive time differs, and one the source has since
 * dropped (its complete file arrived) is dropped at the destination too.
 */
final class LogCopy {
    private static final String PARTIAL = ".partial";
    private final RepositoryLogStore sourceLogs;
    private final RepositoryLogStore destinationLogs;
    private final Repository destination;
    private final BlobTransfer transfer;
    private final Progress progress;
    private long bytesWritten;

    LogCopy(Repository source, Repository destination, BlobTransfer transfer, Progress progress) {
        this.sourceLogs = new RepositoryLogStore(source);
        this.destinationLogs = new RepositoryLogStore(destination);
        this.destination = destination;
        this.transfer = transfer;
        this.progress = progress;
    }

    /**
     * The log streams engine backups use, as their engines record them: the {@code stream} value of the
     * backup's details. Directory backups use none.
     */
    static Set<String> streams(List<CatalogEntry> entries, RepositoryIndex index, BlobReader reader) {
        Set<String> streams = new TreeSet<>();
        for (CatalogEntry entry : entries) {
            if (entry.details() != null && !entry.details().isEmpty()) {
                Object stream = EngineDetails.read(entry, index, reader).details().get("stream");
                if (stream instanceof String name) {
                    streams.add(name);
                }
            }
        }
        return streams;
    }

    /** Copies what the destination lacks of one stream; returns the number of files copied. */
    int copy(String stream) {
        Set<String> there = new HashSet<>(destinationLogs.objects(stream));
        List<String> here = sourceLogs.objects(stream);
        Map<String, LogEntry> pending = new LinkedHashMap<>();
        for (String object : here) {
            progress.checkCancelled();
            boolean partial = object.endsWith(PARTIAL);
            if (there.contains(object) && !partial) {
                continue;
            }
            Optional<LogEntry> entry = sourceLogs.entry(object);
            if (entry.isEmpty() || (partial && sameAsThere(object, entry.get()))) {
                continue;
            }
            LogEntry e = entry.get();
            List<String> chunks = new ArrayList<>(e.chunks().size());
            for (String hex : e.chunks()) {
                chunks.add(transfer.transfer(BlobId.parse(hex)).hex());
            }
            pending.put(object, new LogEntry(1, e.stream(), e.name(), e.size(), e.archived(), e.chunkSize(), chunks));
        }
        transfer.commit();
        for (Map.Entry<String, LogEntry> e : pending.entrySet()) {
            bytesWritten += destinationLogs.write(e.getKey(), e.getValue());
        }
        Set<String> current = new HashSet<>(here);
        for (String object : there) {
            if (object.endsWith(PARTIAL) && !current.contains(object)) {
                destination.storage().delete(object);
            }
        }
        return pending.size();
    }

    /** Bytes of log entries written. */
    long bytesWritten() {
        return bytesWritten;
    }

    private boolean sameAsThere(String object, LogEntry source) {
        try {
            return destinationLogs.entry(object)
                    .map(d -> d.size() == source.size() && d.archived().equals(source.archived()))
                    .orElse(false);
        } catch (CorruptObjectException damaged) {
            return false;
        }
    }
}
