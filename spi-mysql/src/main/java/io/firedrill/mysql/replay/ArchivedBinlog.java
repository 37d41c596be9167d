package io.firedrill.mysql.replay;

import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.binlog.BinlogFileReader;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.BinlogNames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One binlog file on local disk with what replay needs to know about it.
 *
 * @param name the file name, such as {@code binlog.000042}: a base name, a dot and a sequence number
 * @param path where the bytes are, or {@code null} for pure resolution (tests, remote indexes)
 * @param index its transactions
 * @param dataEnd the offset just past its last transaction: the closing ROTATE or STOP event's offset when the file
 *     is closed, else the end of its last complete event
 * @param serverIds the server ids found in its event headers (the applier skips events carrying its own id)
 */
public record ArchivedBinlog(String name, Path path, BinlogIndex index, long dataEnd, Set<Long> serverIds) {
    /** Validates the name and copies the ids. */
    public ArchivedBinlog {
        Objects.requireNonNull(index, "index");
        BinlogNames.requireBinlog(name);
        serverIds = Set.copyOf(serverIds);
    }

    /** Reads the file once, verifying every checksum, and indexes it. */
    public static ArchivedBinlog scan(Path path) {
        String name = path.getFileName().toString();
        BinlogIndex.Builder builder = new BinlogIndex.Builder();
        Set<Long> serverIds = new TreeSet<>();
        long dataEnd = 4;
        try (InputStream in = Files.newInputStream(path)) {
            BinlogFileReader reader = new BinlogFileReader(new BufferedInputStream(in, 1 << 16), name);
            for (BinlogEvent event = reader.next(); event != null; event = reader.next()) {
                builder.add(event);
                if (!event.header().artificial()) {
                    serverIds.add(event.header().serverId());
                }
                BinlogEventType type = event.type();
                dataEnd = type == BinlogEventType.ROTATE || type == BinlogEventType.STOP ? event.position() : event.end();
            }
            String version = reader.formatDescription() == null ? "" : reader.formatDescription().serverVersion();
            return new ArchivedBinlog(name, path, builder.build(version, reader.endPosition()), dataEnd, serverIds);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read binlog file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The base name, such as {@code binlog}. */
    public String baseName() {
        return BinlogNames.base(name);
    }

    /** The sequence number, such as 42. */
    public long number() {
        return BinlogNames.sequence(name);
    }

    /** The name of the file {@code offset} places further in the sequence, with the same zero padding. */
    public String sibling(long offset) {
        return BinlogNames.sibling(name, offset);
    }
}
