package io.firedrill.mysql.replay;

import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.binlog.BinlogFileReader;
import io.firedrill.mysql.binlog.BinlogIndex;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern NAME = Pattern.compile("(.+)\\.([0-9]{1,10})");

    /** Validates the name and copies the ids. */
    public ArchivedBinlog {
        Objects.requireNonNull(index, "index");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a binlog file name (base.number, such as "
                    + "binlog.000042)");
        }
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
        return baseOf(name);
    }

    /** The sequence number, such as 42. */
    public long number() {
        return numberOf(name);
    }

    /** The base name of a binlog file name ({@code binlog} of {@code binlog.000042}). */
    static String baseOf(String name) {
        return parse(name).group(1);
    }

    /** The sequence number of a binlog file name (42 of {@code binlog.000042}). */
    static long numberOf(String name) {
        return Long.parseLong(parse(name).group(2));
    }

    private static Matcher parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a binlog file name (base.number, such as "
                    + "binlog.000042)");
        }
        return m;
    }

    /** The name of the file {@code offset} places further in the sequence, with the same zero padding. */
    public String sibling(long offset) {
        Matcher m = parse(name);
        String digits = m.group(2);
        return m.group(1) + "." + String.format("%0" + digits.length() + "d", Long.parseLong(digits) + offset);
    }
}
