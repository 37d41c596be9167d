package io.firedrill.mysql.stream;

import io.firedrill.api.spi.LogStore;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.BinlogNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a stream of archived binlogs back for a replay: the files from a start file onwards, in server order, each
 * fetched into a local spool under its own name (a file still being written is fetched from its {@code .partial}).
 * For a time target the stored per-file indexes tell where to stop, so files after the target are not downloaded.
 */
public final class ArchivedBinlogs {
    private ArchivedBinlogs() {
    }

    /**
     * Fetches the archived files of {@code stream} from {@code startFile} onwards into {@code spool}.
     *
     * @param until the time target, if any: files after the first one holding a later transaction are not needed
     * @return the local files in server order; a hole in the sequence is left for the replay to report by name
     */
    public static List<Path> fetch(LogStore logs, String stream, String startFile, Optional<Instant> until,
                                   Path spool) {
        Set<String> names = logs.list(stream).stream().map(LogStore.LogFile::name).collect(Collectors.toSet());
        TreeMap<Long, String> bySequence = new TreeMap<>();
        for (String name : names) {
            if (BinlogNames.isBinlog(name)) {
                bySequence.put(BinlogNames.sequence(name), name);
            } else if (name.endsWith(BinlogArchive.PARTIAL)) {
                String base = name.substring(0, name.length() - BinlogArchive.PARTIAL.length());
                if (BinlogNames.isBinlog(base) && !names.contains(base)) {
                    bySequence.putIfAbsent(BinlogNames.sequence(base), name);
                }
            }
        }
        long first = BinlogNames.isBinlog(startFile) ? BinlogNames.sequence(startFile) : 0;
        List<Path> fetched = new ArrayList<>();
        for (String name : bySequence.tailMap(first, true).values()) {
            String local = name.endsWith(BinlogArchive.PARTIAL)
                    ? name.substring(0, name.length() - BinlogArchive.PARTIAL.length()) : name;
            Path target = spool.resolve(local);
            logs.fetch(stream, name, target);
            fetched.add(target);
            if (until.isPresent() && !name.endsWith(BinlogArchive.PARTIAL) && endsAfter(logs, stream, name, until.get(),
                    spool)) {
                break;
            }
        }
        fetched.sort(Comparator.comparingLong(p -> BinlogNames.sequence(p.getFileName().toString())));
        return fetched;
    }

    private static boolean endsAfter(LogStore logs, String stream, String name, Instant until, Path spool) {
        try {
            Optional<BinlogIndex> index = BinlogArchive.index(logs, stream, name, spool.resolve(name + ".index-scratch"));
            return index.isPresent() && !index.get().transactions().isEmpty() && index.get().lastTime().isAfter(until);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the index of archived binlog " + name + " failed: "
                    + e.getMessage(), e);
        }
    }
}
