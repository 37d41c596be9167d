package io.firedrill.mysql.stream;

import io.firedrill.api.spi.LogStore;
import io.firedrill.core.json.Json;
import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.BinlogNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The streamer's side of the repository's log archive, for one stream. A complete binlog file is archived under its
 * own name ({@code binlog.000042}); the file still being written under {@code binlog.000042.partial}, replaced as it
 * grows and deleted once the complete file is in; each complete file's index (a {@link BinlogIndex.Stored} as JSON)
 * under {@code binlog.000042.index}, written after the file.
 */
final class BinlogArchive {
    /** The suffix of the file still being written. */
    static final String PARTIAL = ".partial";
    /** The suffix of a complete file's index. */
    static final String INDEX = ".index";

    /**
     * Where streaming continues.
     *
     * @param open the partial file to go on appending to, or {@code null}
     * @param nextFile the file to start next when there is no partial file to continue, else {@code null}
     * @param lastComplete the newest complete file archived, or {@code null}
     * @param lastCompleteSize its size
     */
    record Resume(OpenBinlog open, String nextFile, String lastComplete, long lastCompleteSize) {
    }

    private final LogStore logs;
    private final String stream;

    BinlogArchive(LogStore logs, String stream) {
        this.logs = logs;
        this.stream = stream;
    }

    String stream() {
        return stream;
    }

    /**
     * Finds where the archive ends: the newest partial file (fetched into {@code spool} and continued) when it is
     * newer than the newest complete file, else the file after the newest complete one; empty when the stream holds
     * no binlog yet. Repairs what a crash between steps left behind: a missing index, a partial file whose complete
     * version is archived.
     */
    Optional<Resume> resume(Path spool, Consumer<BinlogEvent> each) throws IOException {
        List<LogStore.LogFile> files = logs.list(stream);
        Optional<LogStore.LogFile> newest = files.stream().filter(f -> BinlogNames.isBinlog(f.name()))
                .max(Comparator.comparingLong(f -> BinlogNames.sequence(f.name())));
        Optional<String> complete = newest.map(LogStore.LogFile::name);
        long completeSize = newest.map(LogStore.LogFile::size).orElse(0L);
        Optional<LogStore.LogFile> partial = files.stream()
                .filter(f -> f.name().endsWith(PARTIAL))
                .filter(f -> BinlogNames.isBinlog(base(f.name())))
                .max(Comparator.comparingLong(f -> BinlogNames.sequence(base(f.name()))));
        if (complete.isPresent()) {
            String last = complete.get();
            if (logs.find(stream, last + INDEX).isEmpty()) {
                reindex(last, spool);
            }
            if (logs.find(stream, last + PARTIAL).isPresent()) {
                logs.delete(stream, last + PARTIAL);
            }
        }
        if (partial.isPresent() && (complete.isEmpty()
                || BinlogNames.sequence(base(partial.get().name())) > BinlogNames.sequence(complete.get()))) {
            String name = base(partial.get().name());
            logs.fetch(stream, partial.get().name(), spool);
            OpenBinlog open = OpenBinlog.resume(name, spool, partial.get().size(), each);
            return Optional.of(new Resume(open, null, complete.orElse(null), completeSize));
        }
        return complete.map(last -> new Resume(null, BinlogNames.next(last), last, completeSize));
    }

    private void reindex(String name, Path spool) throws IOException {
        logs.fetch(stream, name, spool);
        try (InputStream in = Files.newInputStream(spool)) {
            putIndex(name, BinlogIndex.scan(in, name));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Persists the open file as {@code <name>.partial} when it grew since the last time. */
    boolean persistPartial(OpenBinlog file) throws IOException {
        long size = file.size();
        if (size <= file.persisted()) {
            return false;
        }
        try (InputStream in = file.content()) {
            logs.put(stream, file.name() + PARTIAL, in);
        }
        file.persisted(size);
        return true;
    }

    /** Archives a complete file and its index, then removes its partial version. */
    void complete(OpenBinlog file) throws IOException {
        file.seal();
        try (InputStream in = file.content()) {
            logs.put(stream, file.name(), in);
        }
        putIndex(file.name(), file.index());
        if (logs.find(stream, file.name() + PARTIAL).isPresent()) {
            logs.delete(stream, file.name() + PARTIAL);
        }
        file.persisted(file.size());
    }

    private void putIndex(String name, BinlogIndex index) {
        byte[] json = Json.write(index.toStored());
        logs.put(stream, name + INDEX, new ByteArrayInputStream(json));
    }

    /** Reads the index of an archived complete file, if there is one. */
    static Optional<BinlogIndex> index(LogStore logs, String stream, String name, Path scratch) throws IOException {
        if (logs.find(stream, name + INDEX).isEmpty()) {
            return Optional.empty();
        }
        logs.fetch(stream, name + INDEX, scratch);
        try {
            return Optional.of(BinlogIndex.fromStored(Json.readTrusted(Files.readAllBytes(scratch),
                    BinlogIndex.Stored.class)));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static String base(String partialName) {
        return partialName.substring(0, partialName.length() - PARTIAL.length());
    }
}
