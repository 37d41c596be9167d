package io.firedrill.mysql.stream;

import io.firedrill.mysql.binlog.BinlogChecksum;
import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.binlog.BinlogFileReader;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.FormatDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The binlog file being received, spooled on local disk so memory stays bounded: the magic number and every event
 * exactly as the server sent it, each CRC32 verified before it is written. It also builds the file's index. A file is
 * {@link #ended()} once its ROTATE or STOP event is in; {@link #seal()} then clears the in-use flag of its format
 * description, as the server does when it closes the file. Not thread-safe: the streamer guards it.
 */
final class OpenBinlog implements AutoCloseable {
    private static final int FLAGS_OFFSET = 17;

    private final String name;
    private final Path spool;
    private final FileChannel channel;
    private BinlogIndex.Builder index = new BinlogIndex.Builder();
    private FormatDescription format;
    private long size;
    private long persisted;
    private boolean ended;

    private OpenBinlog(String name, Path spool, FileChannel channel, long size) {
        this.name = name;
        this.spool = spool;
        this.channel = channel;
        this.size = size;
    }

    /** Starts an empty file (the magic number only) in {@code spool}. */
    static OpenBinlog create(String name, Path spool) throws IOException {
        FileChannel channel = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(BinlogFileReader.MAGIC));
        return new OpenBinlog(name, spool, channel, BinlogFileReader.MAGIC.length);
    }

    /**
     * Continues a file fetched into {@code spool} from the archive: its complete events are verified and indexed (and
     * shown to {@code each}), and a partial event at the end, if any, is cut off.
     */
    static OpenBinlog resume(String name, Path spool, long persistedSize, Consumer<BinlogEvent> each)
            throws IOException {
        FormatDescription format;
        BinlogIndex.Builder builder = new BinlogIndex.Builder();
        long end;
        boolean ended = false;
        try (InputStream in = Files.newInputStream(spool)) {
            BinlogFileReader reader = new BinlogFileReader(in, name);
            for (BinlogEvent e = reader.next(); e != null; e = reader.next()) {
                builder.add(e);
                each.accept(e);
                ended = e.type() == BinlogEventType.ROTATE || e.type() == BinlogEventType.STOP;
            }
            format = reader.formatDescription();
            end = Math.max(reader.endPosition(), BinlogFileReader.MAGIC.length);
        }
        FileChannel channel = FileChannel.open(spool, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.truncate(end);
        if (end == BinlogFileReader.MAGIC.length && channel.size() < end) {
            channel.write(ByteBuffer.wrap(BinlogFileReader.MAGIC), 0);
        }
        OpenBinlog file = new OpenBinlog(name, spool, channel, end);
        file.format = format;
        file.persisted = Math.min(end, persistedSize);
        file.ended = ended;
        file.index = builder;
        return file;
    }

    /**
     * Verifies and appends one event received at the end of the file.
     *
     * @return the event as appended
     * @throws io.firedrill.mysql.binlog.CorruptBinlogException when its checksum fails (nothing is written)
     */
    BinlogEvent append(byte[] event, BinlogEventHeader header) throws IOException {
        if (header.type() == BinlogEventType.FORMAT_DESCRIPTION) {
            format = FormatDescription.parse(event, 0, event.length, size);
        }
        int checksumLength = 0;
        if (format != null && format.crc32()) {
            byte[] checked = event;
            if (header.type() == BinlogEventType.FORMAT_DESCRIPTION
                    && (header.flags() & BinlogEventHeader.FLAG_BINLOG_IN_USE) != 0) {
                checked = event.clone();
                checked[FLAGS_OFFSET] &= (byte) ~BinlogEventHeader.FLAG_BINLOG_IN_USE;
            }
            BinlogChecksum.verify(checked, 0, checked.length, size);
            checksumLength = BinlogChecksum.LENGTH;
        }
        ByteBuffer buffer = ByteBuffer.wrap(event);
        while (buffer.hasRemaining()) {
            channel.write(buffer, size + buffer.position());
        }
        BinlogEvent appended = new BinlogEvent(size, header, event, checksumLength);
        index.add(appended);
        size += event.length;
        ended = header.type() == BinlogEventType.ROTATE || header.type() == BinlogEventType.STOP;
        return appended;
    }

    /** Clears the in-use flag of the format description (the file is complete) and syncs the spool. */
    void seal() throws IOException {
        long flagsAt = BinlogFileReader.MAGIC.length + FLAGS_OFFSET;
        if (size > flagsAt) {
            ByteBuffer flag = ByteBuffer.allocate(1);
            channel.read(flag, flagsAt);
            byte cleared = (byte) (flag.get(0) & ~BinlogEventHeader.FLAG_BINLOG_IN_USE);
            channel.write(ByteBuffer.wrap(new byte[] {cleared}), flagsAt);
        }
        channel.force(false);
    }

    /** The file's bytes so far, from offset 0 to {@link #size()}; the caller closes the stream. */
    InputStream content() {
        long length = size;
        return new InputStream() {
            private long left = length;
            private long offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : Byte.toUnsignedInt(one[0]);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), offset);
                if (n > 0) {
                    offset += n;
                    left -= n;
                }
                return n;
            }
        };
    }

    /** The index of the events so far. */
    BinlogIndex index() {
        return index.build(format == null ? "" : format.serverVersion(), size);
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    long persisted() {
        return persisted;
    }

    void persisted(long bytes) {
        persisted = bytes;
    }

    /** Whether the file's last event is a ROTATE or STOP: the server will add nothing to it. */
    boolean ended() {
        return ended;
    }

    /** Closes and deletes the spool file. */
    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(spool);
    }
}
