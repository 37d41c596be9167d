package io.firedrill.mysql.binlog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the events of one binlog file, from its magic number to its end, verifying every CRC32 when the file's
 * format description event announces them. A file the server is still writing may end in a partial event: the
 * reader then stops cleanly, and {@link #endPosition()} is the offset just past the last complete event, where an
 * archiver resumes. The format description of a file still open carries {@link BinlogEventHeader#FLAG_BINLOG_IN_USE},
 * which its checksum does not cover. Not thread-safe; the stream is not closed.
 */
public final class BinlogFileReader {
    /** The four bytes every binlog file starts with. */
    public static final byte[] MAGIC = {(byte) 0xfe, 'b', 'i', 'n'};
    private static final int FLAGS_OFFSET = 17;

    private final InputStream in;
    private final String name;
    private long position;
    private long truncatedBytes;
    private boolean started;
    private boolean finished;
    private FormatDescription formatDescription;

    /**
     * @param in the file's bytes from offset 0
     * @param name the file name, for messages
     */
    public BinlogFileReader(InputStream in, String name) {
        this.in = Objects.requireNonNull(in, "in");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Reads the file held in {@code bytes}. */
    public BinlogFileReader(byte[] bytes, String name) {
        this(new ByteArrayInputStream(bytes), name);
    }

    /** All complete events of {@code bytes}, verified. */
    public static List<BinlogEvent> readAll(byte[] bytes, String name) {
        BinlogFileReader reader = new BinlogFileReader(bytes, name);
        List<BinlogEvent> events = new ArrayList<>();
        for (BinlogEvent event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    /**
     * The next complete event, or {@code null} at the end of the file or at a truncated tail.
     *
     * @throws CorruptBinlogException on a wrong magic number, an impossible header or a failed checksum
     * @throws UncheckedIOException when the stream fails
     */
    public BinlogEvent next() {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            byte[] magic = read(MAGIC.length);
            for (int i = 0; i < magic.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    finished = true;
                    throw new CorruptBinlogException(0, name + " is not a binlog file: it does not start with "
                            + "the magic number fe 62 69 6e");
                }
            }
            if (magic.length < MAGIC.length) {
                return stop(magic.length);
            }
            position = MAGIC.length;
        }
        byte[] head = read(BinlogEventHeader.LENGTH);
        if (head.length < BinlogEventHeader.LENGTH) {
            return stop(head.length);
        }
        BinlogEventHeader header = BinlogEventHeader.parse(head, 0);
        long length = header.eventLength();
        if (length < BinlogEventHeader.LENGTH || length > Integer.MAX_VALUE - 16) {
            finished = true;
            throw new CorruptBinlogException(position, name + ": binlog event at position " + position
                    + " declares an impossible length of " + length + " bytes");
        }
        byte[] event = new byte[(int) length];
        System.arraycopy(head, 0, event, 0, head.length);
        byte[] rest = read(event.length - head.length);
        if (rest.length < event.length - head.length) {
            return stop(head.length + rest.length);
        }
        System.arraycopy(rest, 0, event, head.length, rest.length);
        long end = position + length;
        if (header.nextPosition() != 0 && header.nextPosition() != (end & 0xffff_ffffL)) {
            finished = true;
            throw new CorruptBinlogException(position, name + ": binlog event at position " + position + " of "
                    + length + " bytes says the next event is at " + header.nextPosition() + ", not " + end);
        }
        int checksumLength = verify(header, event);
        BinlogEvent result = new BinlogEvent(position, header, event, checksumLength);
        position = end;
        return result;
    }

    private int verify(BinlogEventHeader header, byte[] event) {
        if (formatDescription == null) {
            if (header.type() != BinlogEventType.FORMAT_DESCRIPTION) {
                finished = true;
                throw new CorruptBinlogException(position, name + ": the first binlog event, at position "
                        + position + ", has type " + header.typeCode() + ", not a format description (15)");
            }
            formatDescription = FormatDescription.parse(event, 0, event.length, position);
            int alg = formatDescription.checksumAlgorithm();
            if (alg != BinlogChecksum.ALG_OFF && alg != BinlogChecksum.ALG_CRC32) {
                finished = true;
                throw new CorruptBinlogException(position, name + ": the format description at position "
                        + position + " announces unknown checksum algorithm " + alg);
            }
        }
        if (!formatDescription.crc32()) {
            return 0;
        }
        byte[] checked = event;
        if (header.type() == BinlogEventType.FORMAT_DESCRIPTION
                && (header.flags() & BinlogEventHeader.FLAG_BINLOG_IN_USE) != 0) {
            // The server checksums the format description with the in-use flag clear, then sets the flag in
            // the file while writing it and clears it on close, never touching the checksum.
            checked = event.clone();
            checked[FLAGS_OFFSET] &= (byte) ~BinlogEventHeader.FLAG_BINLOG_IN_USE;
        }
        try {
            BinlogChecksum.verify(checked, 0, checked.length, position);
        } catch (CorruptBinlogException e) {
            finished = true;
            throw new CorruptBinlogException(position, name + ": " + e.getMessage().split("\n", 2)[0]);
        }
        return BinlogChecksum.LENGTH;
    }

    private BinlogEvent stop(int partial) {
        finished = true;
        truncatedBytes = partial;
        return null;
    }

    private byte[] read(int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            finished = true;
            throw new UncheckedIOException("reading " + name + " at position " + position + " failed", e);
        }
    }

    /** The offset just past the last complete event read (4 after the magic number alone, 0 before). */
    public long endPosition() {
        return position;
    }

    /** How many bytes of a partial event follow {@link #endPosition()}; 0 unless the file ended mid-event. */
    public long truncatedBytes() {
        return truncatedBytes;
    }

    /** Whether the file ended in a partial event (or a partial magic number). */
    public boolean truncated() {
        return truncatedBytes > 0;
    }

    /** The file's format description, once the first event has been read; else {@code null}. */
    public FormatDescription formatDescription() {
        return formatDescription;
    }
}
