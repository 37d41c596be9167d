package io.firedrill.mysql.stream;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.Operation;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.mysql.binlog.BinlogChecksum;
import io.firedrill.mysql.binlog.BinlogEvent;
import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogEventType;
import io.firedrill.mysql.protocol.ConnectionSettings;
import io.firedrill.mysql.protocol.MysqlClient;
import io.firedrill.mysql.protocol.ServerErrorException;
import io.firedrill.mysql.protocol.WireReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a MySQL or MariaDB server's binlogs into the repository as a simulated replica, as
 * {@code mysqlbinlog --read-from-remote-server --raw --stop-never} does, with no mysqld of its own.
 *
 * <ul>
 *   <li>Files are stored byte for byte as the server has them (the magic number, then every event as sent, each
 *       CRC32 verified), in the stream {@code mysql-<server_uuid>} or {@code mariadb-<server_id>-<hash>}
 *       ({@link SourceIdentity}); the file being written is persisted as {@code <file>.partial} every
 *       {@link BinlogStreamSettings#partialInterval()}, a complete file under its own name with an index
 *       {@code <file>.index} ({@link BinlogArchive}).</li>
 *   <li>After a dropped connection, a server restart or a restart of the host, streaming resumes at the exact
 *       file and offset the archive ends at ({@code COM_BINLOG_DUMP}), reconnecting with exponential backoff until
 *       closed: no gap, no duplicate byte.</li>
 *   <li>Gaps are detected and reported, never skipped silently ({@link #gaps()}, the listener, the status): files
 *       purged before they were archived, an event at an unexpected offset, and GTIDs a file header names that the
 *       archive never received ({@link GtidContinuity}). After purged files, streaming goes on from the oldest file
 *       the server still has.</li>
 *   <li>Memory is one event at a time; the open file is spooled on local disk.</li>
 * </ul>
 */
public final class BinlogStreamer implements LogArchiver {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogStreamer.class);
    private static final long FIRST_EVENT = 4;

    private final ConnectionSettings connection;
    private final EngineContext context;
    private final BinlogStreamSettings settings;
    private final long serverId;
    private final UUID replicaUuid = UUID.randomUUID();
    private final Path spoolDirectory;
    private final LagTracker lag = new LagTracker();
    private final GtidContinuity gtids = new GtidContinuity();
    private final List<BinlogGap> gaps = new CopyOnWriteArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Object fileLock = new Object();
    private final long startedNanos = System.nanoTime();
    private final Thread worker;
    private final Thread persister;
    private final Thread poller;

    private volatile boolean closing;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile ReplicaConnection active;
    private volatile String archivedFile;
    private volatile long archivedPosition = -1;
    private volatile String lastCompleteFile;
    private volatile java.time.Instant lastArchivedAt;
    private volatile String lastError;
    private volatile long lagBytes = -1;
    private volatile long connectionId = -1;

    // Owned by the worker (and by start() before the worker runs); the file is shared with the persister under fileLock.
    private SourceIdentity identity;
    private BinlogArchive archive;
    private OpenBinlog current;
    private String nextFile;
    private ReplicaConnection firstSession;
    private long archivedBytes;

    private BinlogStreamer(ConnectionSettings connection, EngineContext context, BinlogStreamSettings settings)
            throws IOException {
        this.connection = connection;
        this.context = context;
        this.settings = settings;
        this.serverId = settings.effectiveServerId();
        Path parent = settings.spoolDirectory() != null ? settings.spoolDirectory()
                : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        this.spoolDirectory = Files.createTempDirectory(parent, "firedrill-binlog-");
        this.worker = daemon(this::work, "firedrill-binlog-stream");
        this.persister = daemon(this::persistLoop, "firedrill-binlog-partial");
        this.poller = daemon(this::poll, "firedrill-binlog-lag");
    }

    /** Streams from the server of a {@code jdbc:mysql://} or {@code jdbc:mariadb://} URL with the settings of system properties. */
    public static BinlogStreamer start(String jdbcUrl, EngineContext context) {
        return start(ConnectionSettings.fromJdbcUrl(jdbcUrl), context, BinlogStreamSettings.fromSystemProperties());
    }

    /**
     * Connects, registers as a replica and starts streaming in background threads.
     *
     * @throws FiredrillException when the first connection fails (wrong credentials, binary logging off, a missing
     *     REPLICATION SLAVE or REPLICATION CLIENT privilege): a misconfiguration shows at once
     */
    public static BinlogStreamer start(ConnectionSettings connection, EngineContext context,
            BinlogStreamSettings settings) {
        BinlogStreamer streamer;
        try {
            streamer = new BinlogStreamer(connection, context, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a spool directory for binlog streaming", e);
        }
        context.listener().started(Operation.ARCHIVE_LOGS, -1);
        try {
            streamer.firstSession = streamer.open();
        } catch (Exception e) {
            FiredrillException failure = failure(e);
            streamer.running = false;
            streamer.cleanUp();
            context.listener().failed(Operation.ARCHIVE_LOGS, failure);
            throw failure;
        }
        streamer.worker.start();
        streamer.persister.start();
        streamer.poller.start();
        return streamer;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public LogArchiverStatus status() {
        String file = archivedFile;
        long position = archivedPosition;
        long ordinal = file == null ? -1 : BinlogNames.ordinal(file, position);
        String error = lastError;
        if (error == null && !gaps.isEmpty()) {
            error = "gap: " + gaps.get(gaps.size() - 1).description();
        }
        return new LogArchiverStatus(running, connected, file == null ? null : file + ":" + position,
                lastCompleteFile, lagBytes, lag.lagSeconds(ordinal, System.nanoTime()), lastArchivedAt, error);
    }

    /** The log stream this streamer archives into. */
    public String stream() {
        return identity.stream();
    }

    /** The gaps detected so far, oldest first. */
    public List<BinlogGap> gaps() {
        return List.copyOf(gaps);
    }

    /** The replica server id registered with the source. */
    public long serverId() {
        return serverId;
    }

    /** The server thread id of the current replication connection, or -1 while disconnected. */
    public long replicationConnectionId() {
        return connected ? connectionId : -1;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        stop.countDown();
        ReplicaConnection session = active;
        if (session != null) {
            session.abort();
        }
        try {
            worker.join(TimeUnit.MINUTES.toMillis(2));
            persister.join(TimeUnit.MINUTES.toMillis(2));
            poller.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persistPartial();
        cleanUp();
        running = false;
        context.listener().finished(Operation.ARCHIVE_LOGS, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    // ---- the worker ----

    private void work() {
        Duration backoff = settings.minBackoff();
        ReplicaConnection session = firstSession;
        firstSession = null;
        try {
            while (!closing) {
                boolean progressed = false;
                try {
                    if (session == null) {
                        session = open();
                    }
                    active = session;
                    connectionId = session.connectionId();
                    connected = true;
                    lastError = null;
                    if (closing) {
                        break;
                    }
                    progressed = receive(session);
                } catch (Exception e) {
                    if (!closing) {
                        report(e);
                    }
                } finally {
                    active = null;
                    connected = false;
                    if (session != null) {
                        session.close();
                        session = null;
                    }
                }
                if (closing) {
                    break;
                }
                backoff = progressed ? settings.minBackoff() : backoff;
                pause(backoff);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
            }
        } catch (Throwable t) {
            report(t);
        } finally {
            running = !closing && running;
        }
    }

    /** Connects, finds where the archive ends (first time), checks the server still has it, and starts the dump. */
    private ReplicaConnection open() throws IOException {
        ReplicaConnection session = ReplicaConnection.open(connection, settings, serverId, replicaUuid);
        try {
            if (identity == null) {
                identity = session.identity();
                archive = new BinlogArchive(context.logs(), identity.stream());
                Optional<BinlogArchive.Resume> resume = archive.resume(spoolDirectory.resolve("resume"),
                        e -> gtids.accept(e));
                resume.ifPresent(r -> {
                    current = r.open();
                    nextFile = r.nextFile();
                    lastCompleteFile = r.lastComplete();
                    if (r.open() != null) {
                        markArchived(r.open().name(), r.open().persisted());
                    } else if (r.lastComplete() != null) {
                        archivedFile = r.lastComplete();
                        archivedPosition = 0;
                    }
                });
                LOG.info("streaming binlogs of {} ({}) into stream {}{}", connection, identity.version(),
                        identity.stream(), resume.isPresent() ? ", resuming at " + resumeFile() : "");
            } else if (!identity.stream().equals(session.identity().stream())) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server at " + connection + " is now "
                        + session.identity().stream() + ", not " + identity.stream() + " whose binlogs this "
                        + "streamer archives (a failover?)", "start a new streamer for the new server; its "
                        + "binlogs go to their own stream");
            }
            List<ReplicaConnection.ServerFile> files = session.binaryLogs();
            if (files.isEmpty()) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server at " + connection
                        + " lists no binary log", "check that binary logging is on (log-bin)");
            }
            String file = resumeFile();
            if (file == null) {
                file = files.get(0).name();
                nextFile = file;
            }
            String wanted = file;
            if (files.stream().noneMatch(f -> f.name().equals(wanted))) {
                purged(wanted, files);
            }
            String from = resumeFile();
            long position = current != null ? current.size() : FIRST_EVENT;
            session.dump(from, position, serverId);
            LOG.debug("dump of {} from {}:{} as replica {}", identity.stream(), from, position, serverId);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private String resumeFile() {
        return current != null ? current.name() : nextFile;
    }

    /** The server no longer has {@code wanted}: reports the purged files and goes on from its oldest file. */
    private void purged(String wanted, List<ReplicaConnection.ServerFile> files) throws IOException {
        String oldest = files.get(0).name();
        String newest = files.get(files.size() - 1).name();
        if (BinlogNames.sequence(wanted) > BinlogNames.sequence(newest)) {
            throw new FiredrillException(ErrorCode.LOG_GAP, "the server at " + connection + " has no binlog "
                    + wanted + ": its newest is " + newest + " (were its binlogs reset?)",
                    "the archive of stream " + identity.stream() + " cannot continue; archive this server into a new "
                            + "stream (BinlogStreamSettings.stream) and take a new backup");
        }
        long from = FIRST_EVENT;
        synchronized (fileLock) {
            if (current != null) {
                from = current.size();
                archive.persistPartial(current);
                current.close();
                current = null;
            }
        }
        String last = previous(oldest);
        String missing = wanted.equals(last) ? wanted : wanted + " to " + last;
        String detail = from > FIRST_EVENT ? " (" + wanted + " from offset " + from + ")" : "";
        gap(new BinlogGap(BinlogGap.Kind.PURGED, wanted, from, missing + detail + " were purged from the server "
                + "before they were archived; streaming goes on from " + oldest, context.clock().instant()));
        gtids.forget();
        nextFile = oldest;
    }

    private static String previous(String name) {
        long sequence = BinlogNames.sequence(name);
        String digits = name.substring(name.lastIndexOf('.') + 1);
        String number = String.format("%0" + digits.length() + "d", sequence - 1);
        return name.substring(0, name.lastIndexOf('.') + 1) + number;
    }

    /** Receives and archives events until closed (returns) or the connection fails (throws); true when any came. */
    private boolean receive(ReplicaConnection session) throws IOException {
        boolean received = false;
        while (!closing) {
            byte[] event;
            try {
                event = session.nextEvent();
            } catch (SocketTimeoutException e) {
                throw new IOException("no event or heartbeat from " + connection + " for "
                        + settings.heartbeat().multipliedBy(3).toSeconds() + " s; reconnecting", e);
            } catch (ServerErrorException e) {
                if (e.errorNumber() == ServerErrorException.SOURCE_FATAL_READING_BINLOG) {
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server could not send binlog "
                            + resumeFile() + " at offset " + (current != null ? current.size() : FIRST_EVENT) + ": "
                            + e.serverMessage(), "if the file was purged, the next attempt reports the gap", e);
                }
                throw e;
            }
            if (closing) {
                break;
            }
            handle(session, event);
            received = true;
        }
        return received;
    }

    private void handle(ReplicaConnection session, byte[] event) throws IOException {
        if (event.length < BinlogEventHeader.LENGTH) {
            throw new IOException("binlog event of " + event.length + " bytes from " + connection + " is too short");
        }
        BinlogEventHeader header = BinlogEventHeader.parse(event, 0);
        BinlogEventType type = header.type();
        if (type == BinlogEventType.HEARTBEAT || type == BinlogEventType.HEARTBEAT_V2) {
            return;
        }
        if (type == BinlogEventType.ROTATE && (header.artificial() || header.nextPosition() == 0)) {
            int checksum = 0;
            if (session.checksums()) {
                BinlogChecksum.verify(event, 0, event.length, 0);
                checksum = BinlogChecksum.LENGTH;
            }
            WireReader body = new WireReader(event);
            body.skip(BinlogEventHeader.LENGTH);
            long position = body.uint(8);
            int nameLength = body.remaining() - checksum;
            String name = new String(body.bytes(nameLength), StandardCharsets.UTF_8);
            fakeRotate(name, position);
            return;
        }
        if (current == null && type == BinlogEventType.FORMAT_DESCRIPTION && nextFile != null) {
            startFile(nextFile);
        }
        if (current == null) {
            throw new IOException("the server sent a " + type + " event before naming its binlog file");
        }
        if (header.artificial() || header.nextPosition() == 0
                || (type == BinlogEventType.FORMAT_DESCRIPTION && current.size() > FIRST_EVENT)) {
            return; // resent or generated for the stream: not part of the file at this offset
        }
        long start = (header.nextPosition() - header.eventLength()) & 0xffff_ffffL;
        if (start != (current.size() & 0xffff_ffffL)) {
            BinlogGap gap = new BinlogGap(BinlogGap.Kind.POSITION, current.name(), current.size(), "the server sent "
                    + "an event of " + current.name() + " at offset " + start + " where the archive ends at "
                    + current.size(), context.clock().instant());
            gap(gap);
            throw new IOException(gap.description() + "; reconnecting");
        }
        BinlogEvent appended;
        synchronized (fileLock) {
            appended = current.append(event, header);
        }
        gtids.accept(appended).ifPresent(hole -> gap(new BinlogGap(BinlogGap.Kind.GTID, current.name(),
                appended.position(), "GTID hole before " + current.name() + ": " + hole, context.clock().instant())));
        lag.observed(BinlogNames.ordinal(current.name(), current.size()), System.nanoTime());
        if (current.ended()) {
            String following = type == BinlogEventType.ROTATE ? rotateTarget(appended) : BinlogNames.next(current.name());
            completeCurrent();
            nextFile = following;
        }
    }

    private static String rotateTarget(BinlogEvent rotate) {
        byte[] body = rotate.body();
        return new String(body, 8, body.length - 8, StandardCharsets.UTF_8);
    }

    private void fakeRotate(String name, long position) throws IOException {
        if (current != null && current.name().equals(name)) {
            if (position != current.size()) {
                throw new IOException("the server resumed " + name + " at offset " + position + ", not at "
                        + current.size() + " where the archive ends");
            }
            return;
        }
        if (current != null) {
            LOG.warn("{} of {} ended without a rotate or stop event (the server crashed?); archiving it as it is",
                    current.name(), identity.stream());
            completeCurrent();
        }
        if (nextFile != null && !nextFile.equals(name)
                && BinlogNames.sequence(name) > BinlogNames.sequence(nextFile)) {
            gap(new BinlogGap(BinlogGap.Kind.PURGED, nextFile, FIRST_EVENT, nextFile + " to " + previous(name)
                    + " were skipped by the server; streaming goes on from " + name, context.clock().instant()));
            gtids.forget();
        }
        if (position != FIRST_EVENT) {
            throw new IOException("the server starts " + name + " at offset " + position + "; expected "
                    + FIRST_EVENT);
        }
        startFile(name);
    }

    private void startFile(String name) throws IOException {
        synchronized (fileLock) {
            current = OpenBinlog.create(name, spoolDirectory.resolve(name));
        }
        nextFile = null;
    }

    private void completeCurrent() throws IOException {
        synchronized (fileLock) {
            OpenBinlog file = current;
            archive.complete(file);
            lastCompleteFile = file.name();
            archivedBytes += file.size();
            markArchived(file.name(), file.size());
            file.close();
            current = null;
        }
        context.listener().progressed(Operation.ARCHIVE_LOGS, archivedBytes, -1);
    }

    // ---- the partial-file persister ----

    private void persistLoop() {
        while (!closing) {
            pause(settings.partialInterval());
            if (!closing) {
                persistPartial();
            }
        }
    }

    private void persistPartial() {
        try {
            synchronized (fileLock) {
                if (current != null && archive.persistPartial(current)) {
                    markArchived(current.name(), current.size());
                }
            }
        } catch (IOException | RuntimeException e) {
            report(e);
        }
    }

    private void markArchived(String file, long position) {
        archivedFile = file;
        archivedPosition = position;
        lastArchivedAt = context.clock().instant();
    }

    // ---- the lag poller ----

    private void poll() {
        MysqlClient client = null;
        while (!closing) {
            try {
                if (client == null) {
                    client = MysqlClient.connect(connection);
                }
                List<ReplicaConnection.ServerFile> files = ReplicaConnection.binaryLogs(client);
                if (!files.isEmpty()) {
                    ReplicaConnection.ServerFile last = files.get(files.size() - 1);
                    lag.observed(BinlogNames.ordinal(last.name(), last.size()), System.nanoTime());
                    lagBytes = lagBytes(files);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not read the binlog positions of {}: {}", connection, e.getMessage());
                if (client != null) {
                    client.abort();
                }
                client = null;
            }
            pause(settings.statusInterval());
        }
        if (client != null) {
            client.close();
        }
    }

    private long lagBytes(List<ReplicaConnection.ServerFile> files) {
        String file = archivedFile;
        long position = archivedPosition;
        if (file == null) {
            return -1;
        }
        long sequence = BinlogNames.sequence(file);
        long bytes = 0;
        for (ReplicaConnection.ServerFile f : files) {
            long s = BinlogNames.sequence(f.name());
            if (s > sequence) {
                bytes += f.size();
            } else if (s == sequence) {
                bytes += Math.max(0, f.size() - position);
            }
        }
        return bytes;
    }

    // ---- helpers ----

    private void gap(BinlogGap gap) {
        gaps.add(gap);
        LOG.warn("binlog archive of {} has a gap: {}", identity.stream(), gap.description());
        listenerFailed(new FiredrillException(ErrorCode.LOG_GAP, "the binlog archive of stream " + identity.stream()
                + " has a gap: " + gap.description(), "point-in-time recovery cannot cross it; take a new backup "
                + "after " + gap.file() + ", and keep binlogs on the server longer (binlog_expire_logs_seconds)"));
    }

    private void report(Throwable e) {
        FiredrillException failure = failure(e);
        lastError = failure.getMessage();
        LOG.warn("binlog streaming{}: {}", identity == null ? "" : " of " + identity.stream(), failure.getMessage());
        listenerFailed(failure);
    }

    private void listenerFailed(FiredrillException failure) {
        try {
            context.listener().failed(Operation.ARCHIVE_LOGS, failure);
        } catch (RuntimeException listenerFailure) {
            LOG.warn("the progress listener failed: {}", listenerFailure.toString());
        }
    }

    private static FiredrillException failure(Throwable e) {
        if (e instanceof FiredrillException f) {
            return f;
        }
        return new FiredrillException(ErrorCode.ENGINE_FAILURE, "binlog streaming failed: " + e.getMessage(),
                "the streamer retries until closed; see the log", e);
    }

    private void pause(Duration duration) {
        try {
            stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    private void cleanUp() {
        synchronized (fileLock) {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    LOG.debug("could not delete the spool file of {}: {}", current.name(), e.getMessage());
                }
            }
        }
        try (var entries = Files.list(spoolDirectory)) {
            for (Path p : entries.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(spoolDirectory);
        } catch (IOException e) {
            LOG.debug("could not delete spool directory {}: {}", spoolDirectory, e.getMessage());
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
