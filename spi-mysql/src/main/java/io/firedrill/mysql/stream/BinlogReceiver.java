package io.firedrill.mysql.stream;

import io.firedrill.mysql.binlog.BinlogChecksum;
import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.binlog.BinlogNames;
import io.firedrill.mysql.protocol.WireReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns the events a source sends into archived files. A fake ROTATE names the file the following events belong
 * to (it is not written); heartbeats, events generated for the stream and a format description resent when
 * resuming mid-file are skipped (see {@link StreamedEvent}); every other event is verified and appended where the
 * file ends, and one that states its position must start exactly there; a ROTATE or STOP event completes the
 * file. {@link #resumeFile()} and {@link #resumePosition()} say where to ask the server to continue. The worker
 * thread calls everything but {@link #persistPartial()}, which the persister calls; the open file is shared under
 * a lock.
 */
final class BinlogReceiver implements AutoCloseable {
    static final long FIRST_EVENT = 4;

    /** What the receiver tells the streamer. */
    interface Listener {
        /** Everything up to {@code position} of {@code file} is durable in the archive; complete when ended. */
        void archived(String file, long position, boolean complete);

        /** An event ending at {@code position} of {@code file} arrived. */
        void received(String file, long position);

        /** A hole in the archive was found. */
        void gap(BinlogGap gap);
    }

    private final BinlogArchive archive;
    private final Path spool;
    private final Clock clock;
    private final Listener listener;
    private final GtidContinuity gtids = new GtidContinuity();
    private final Object lock = new Object();
    private OpenBinlog current;
    private String nextFile;

    private BinlogReceiver(BinlogArchive archive, Path spool, Clock clock, Listener listener) {
        this.archive = archive;
        this.spool = spool;
        this.clock = clock;
        this.listener = listener;
    }

    /** A receiver that continues where the archive ends (see {@link BinlogArchive#resume}). */
    static BinlogReceiver resume(BinlogArchive archive, Path spool, Clock clock, Listener listener) throws IOException {
        BinlogReceiver receiver = new BinlogReceiver(archive, spool, clock, listener);
        Optional<BinlogArchive.Resume> resume = archive.resume(spool.resolve("resume.partial"), receiver.gtids::accept);
        if (resume.isPresent()) {
            BinlogArchive.Resume r = resume.get();
            if (r.lastComplete() != null) {
                listener.archived(r.lastComplete(), r.lastCompleteSize(), true);
            }
            receiver.current = r.open();
            receiver.nextFile = r.nextFile();
            if (r.open() != null) {
                listener.archived(r.open().name(), r.open().persisted(), false);
            }
        }
        return receiver;
    }

    /** Whether the archive held nothing of this stream: the caller picks the first file. */
    boolean fresh() {
        return current == null && nextFile == null;
    }

    /** Starts a fresh archive at the beginning of {@code file}. */
    void startAt(String file) {
        nextFile = file;
    }

    /** The file to ask the server for. */
    String resumeFile() {
        return current != null ? current.name() : nextFile;
    }

    /** The offset in {@link #resumeFile()} to ask for. */
    long resumePosition() {
        return current != null ? current.size() : FIRST_EVENT;
    }

    /**
     * The server no longer has {@link #resumeFile()}, which is older than its oldest file: keeps what the archive has
     * of the open file as its partial copy, reports the purged files, and continues at the oldest file.
     */
    void purged(List<ReplicaConnection.ServerFile> serverFiles) throws IOException {
        String wanted = resumeFile();
        String oldest = serverFiles.get(0).name();
        long from = FIRST_EVENT;
        synchronized (lock) {
            if (current != null) {
                from = current.size();
                archive.persistPartial(current);
                current.close();
                current = null;
            }
        }
        String last = BinlogNames.previous(oldest);
        String missing = wanted.equals(last) ? wanted + " was" : wanted + " to " + last + " were";
        String detail = from > FIRST_EVENT ? " (" + wanted + " from offset " + from + " on)" : "";
        listener.gap(new BinlogGap(BinlogGap.Kind.PURGED, wanted, from, missing + " purged from the server" + detail
                + " before being archived; streaming goes on from " + oldest, clock.instant()));
        gtids.forget();
        nextFile = oldest;
    }

    /**
     * Takes the next event from the server.
     *
     * @param checksums whether the stream's events end with a CRC32
     * @throws IOException when the event does not fit where the archive ends (the caller reconnects)
     */
    void accept(byte[] event, boolean checksums) throws IOException {
        if (event.length < BinlogEventHeader.LENGTH) {
            throw new IOException("a binlog event of " + event.length + " bytes is too short");
        }
        BinlogEventHeader header = BinlogEventHeader.parse(event, 0);
        BinlogEventType type = header.type();
        StreamedEvent kind = StreamedEvent.of(header, current == null ? FIRST_EVENT : current.size());
        if (kind == StreamedEvent.HEARTBEAT) {
            return;
        }
        if (kind == StreamedEvent.FAKE_ROTATE) {
            fakeRotate(event, checksums);
            return;
        }
        if (current == null && type == BinlogEventType.FORMAT_DESCRIPTION && nextFile != null) {
            startFile(nextFile);
        }
        if (current == null) {
            throw new IOException("the server sent a " + type + " event before naming its binlog file");
        }
        if (kind == StreamedEvent.NOT_IN_FILE) {
            return;
        }
        long start = StreamedEvent.start(header);
        if (kind == StreamedEvent.POSITIONED && start != (current.size() & 0xffff_ffffL)) {
            BinlogGap gap = new BinlogGap(BinlogGap.Kind.POSITION, current.name(), current.size(), "the server sent "
                    + "an event of " + current.name() + " at offset " + start + " where the archive ends at "
                    + current.size(), clock.instant());
            listener.gap(gap);
            throw new IOException(gap.description() + "; reconnecting");
        }
        BinlogEvent appended;
        synchronized (lock) {
            appended = current.append(event, header);
        }
        String file = current.name();
        gtids.accept(appended).ifPresent(hole -> listener.gap(new BinlogGap(BinlogGap.Kind.GTID, file,
                appended.position(), "GTID hole before " + file + ": " + hole, clock.instant())));
        listener.received(file, current.size());
        if (current.ended()) {
            String following = type == BinlogEventType.ROTATE ? rotateTarget(appended.body())
                    : BinlogNames.next(file);
            completeCurrent();
            nextFile = following;
        }
    }

    private void fakeRotate(byte[] event, boolean checksums) throws IOException {
        int checksum = 0;
        if (checksums) {
            BinlogChecksum.verify(event, 0, event.length, 0);
            checksum = BinlogChecksum.LENGTH;
        }
        WireReader body = new WireReader(event);
        body.skip(BinlogEventHeader.LENGTH);
        long position = body.uint(8);
        String name = new String(body.bytes(body.remaining() - checksum), StandardCharsets.UTF_8);
        if (current != null && current.name().equals(name)) {
            if (position != current.size()) {
                throw new IOException("the server resumed " + name + " at offset " + position + ", not at "
                        + current.size() + " where the archive ends");
            }
            return;
        }
        if (current != null) {
            // The server went on to another file: this one ended without ROTATE or STOP (a crash).
            completeCurrent();
        }
        if (nextFile != null && !nextFile.equals(name) && BinlogNames.sequence(name) > BinlogNames.sequence(nextFile)) {
            listener.gap(new BinlogGap(BinlogGap.Kind.PURGED, nextFile, FIRST_EVENT, nextFile + " to "
                    + BinlogNames.previous(name) + " were skipped by the server; streaming goes on from " + name,
                    clock.instant()));
            gtids.forget();
        }
        if (position != FIRST_EVENT) {
            throw new IOException("the server starts " + name + " at offset " + position + ", not at its beginning");
        }
        startFile(name);
    }

    private static String rotateTarget(byte[] body) {
        return new String(body, 8, body.length - 8, StandardCharsets.UTF_8);
    }

    private void startFile(String name) throws IOException {
        synchronized (lock) {
            current = OpenBinlog.create(name, spool.resolve(name));
        }
        nextFile = null;
    }

    private void completeCurrent() throws IOException {
        synchronized (lock) {
            archive.complete(current);
            listener.archived(current.name(), current.size(), true);
            current.close();
            current = null;
        }
    }

    /** Persists the open file as its partial copy when it grew. */
    void persistPartial() throws IOException {
        synchronized (lock) {
            if (current != null && archive.persistPartial(current)) {
                listener.archived(current.name(), current.size(), false);
            }
        }
    }

    /** Deletes the spool file of the open file (persist first). */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (current != null) {
                current.close();
            }
        }
    }
}
