package io.firedrill.mysql.stream;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.Operation;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.core.logs.ReconnectLoop;
import io.firedrill.mysql.binlog.BinlogNames;
import io.firedrill.mysql.protocol.ConnectionSettings;
import io.firedrill.mysql.protocol.MysqlClient;
import io.firedrill.mysql.protocol.ServerErrorException;
import io.firedrill.mysql.settings.MysqlOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final ConnectionSettings connection;
    private final EngineContext context;
    private final BinlogStreamSettings settings;
    private final long serverId;
    private final UUID replicaUuid = UUID.randomUUID();
    private final Path spoolDirectory;
    private final LagTracker lag = new LagTracker();
    private final List<BinlogGap> gaps = new CopyOnWriteArrayList<>();
    private final ReconnectLoop loop;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();
    private final Thread worker;
    private final Thread persister;
    private final Thread poller;

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

    // Set by start() before the threads run; the receiver is owned by the worker (the persister only persists).
    private volatile SourceIdentity identity;
    private volatile BinlogReceiver receiver;
    private ReplicaConnection firstSession;
    private long archivedBytes;

    private BinlogStreamer(ConnectionSettings connection, EngineContext context, BinlogStreamSettings settings)
            throws IOException {
        this.connection = connection;
        this.context = context;
        this.settings = settings;
        this.serverId = settings.effectiveServerId();
        this.loop = new ReconnectLoop(settings.minBackoff(), settings.maxBackoff());
        Path parent = settings.spoolDirectory() != null ? settings.spoolDirectory()
                : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        this.spoolDirectory = Files.createTempDirectory(parent, "firedrill-binlog-");
        this.worker = daemon(this::work, "firedrill-binlog-stream");
        this.persister = daemon(this::persistLoop, "firedrill-binlog-partial");
        this.poller = daemon(this::poll, "firedrill-binlog-lag");
    }

    /**
     * Streams from the server of a {@code jdbc:mysql://} or {@code jdbc:mariadb://} URL with the context's engine
     * options, falling back to system properties ({@link BinlogStreamSettings#from}).
     */
    public static BinlogStreamer start(String jdbcUrl, EngineContext context) {
        BinlogStreamSettings settings = BinlogStreamSettings.from(
                MysqlOptions.of(MysqlOptions.Operation.STREAMING, context.options()));
        return start(ConnectionSettings.fromJdbcUrl(jdbcUrl), context, settings);
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.close();
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
        try {
            loop.run(this::session, e -> {
                report(e);
                return false;
            });
        } catch (Throwable t) {
            report(t);
            running = false;
        }
    }

    /** One connection: opens it (unless start() did), streams until it fails or the streamer closes. */
    private boolean session() throws IOException {
        ReplicaConnection session = firstSession != null ? firstSession : open();
        firstSession = null;
        try {
            active = session;
            connectionId = session.connectionId();
            connected = true;
            lastError = null;
            return !loop.closing() && receive(session);
        } finally {
            active = null;
            connected = false;
            session.close();
        }
    }

    /** Connects, finds where the archive ends (first time), checks the server still has it, and starts the dump. */
    private ReplicaConnection open() throws IOException {
        ReplicaConnection session = ReplicaConnection.open(connection, settings, serverId, replicaUuid);
        try {
            if (identity == null) {
                SourceIdentity source = session.identity();
                receiver = BinlogReceiver.resume(new BinlogArchive(context.logs(), source.stream()), spoolDirectory,
                        context.clock(), new Events());
                identity = source;
                LOG.info("streaming binlogs of {} ({}) into stream {}{}", connection, identity.version(),
                        identity.stream(), receiver.fresh() ? "" : ", resuming at " + receiver.resumeFile() + ":"
                                + receiver.resumePosition());
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
            if (receiver.fresh()) {
                receiver.startAt(files.get(0).name());
            }
            String wanted = receiver.resumeFile();
            if (files.stream().noneMatch(f -> f.name().equals(wanted))) {
                String newest = files.get(files.size() - 1).name();
                if (BinlogNames.sequence(wanted) > BinlogNames.sequence(newest)) {
                    throw new FiredrillException(ErrorCode.LOG_GAP, "the server at " + connection + " has no binlog "
                            + wanted + ": its newest is " + newest + " (were its binlogs reset?)", "the archive of "
                            + "stream " + identity.stream() + " cannot continue; archive this server into a new "
                            + "stream (BinlogStreamSettings.stream) and take a new backup");
                }
                receiver.purged(files);
            }
            session.dump(receiver.resumeFile(), receiver.resumePosition(), serverId);
            LOG.debug("dump of {} from {}:{} as replica {}", identity.stream(), receiver.resumeFile(),
                    receiver.resumePosition(), serverId);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Receives and archives events until closed (returns) or the connection fails (throws); true when any came. */
    private boolean receive(ReplicaConnection session) throws IOException {
        boolean received = false;
        while (!loop.closing()) {
            byte[] event;
            try {
                event = session.nextEvent();
            } catch (SocketTimeoutException e) {
                throw new IOException("no event or heartbeat from " + connection + " for "
                        + settings.heartbeat().multipliedBy(3).toSeconds() + " s; reconnecting", e);
            } catch (ServerErrorException e) {
                if (e.errorNumber() == ServerErrorException.SOURCE_FATAL_READING_BINLOG) {
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server could not send binlog "
                            + receiver.resumeFile() + " from offset " + receiver.resumePosition() + ": "
                            + e.serverMessage(), "if the file was purged, the next attempt reports the gap", e);
                }
                throw e;
            }
            if (loop.closing()) {
                break;
            }
            receiver.accept(event, session.checksums());
            received = true;
        }
        return received;
    }

    /** The receiver's reports, turned into status, lag figures, gap reports and progress. */
    private final class Events implements BinlogReceiver.Listener {
        @Override
        public void archived(String file, long position, boolean complete) {
            archivedFile = file;
            archivedPosition = position;
            lastArchivedAt = context.clock().instant();
            if (complete) {
                lastCompleteFile = file;
                archivedBytes += position;
                context.listener().progressed(Operation.ARCHIVE_LOGS, archivedBytes, -1);
            }
        }

        @Override
        public void received(String file, long position) {
            lag.observed(BinlogNames.ordinal(file, position), System.nanoTime());
        }

        @Override
        public void gap(BinlogGap gap) {
            gaps.add(gap);
            LOG.warn("binlog archive of {} has a gap: {}", identity.stream(), gap.description());
            listenerFailed(new FiredrillException(ErrorCode.LOG_GAP, "the binlog archive of stream "
                    + identity.stream() + " has a gap: " + gap.description(), "point-in-time recovery cannot cross "
                    + "it; take a new backup after it, and keep binlogs on the server longer "
                    + "(binlog_expire_logs_seconds, expire_logs_days)"));
        }
    }

    // ---- the partial-file persister ----

    private void persistLoop() {
        while (!loop.closing()) {
            loop.pause(settings.partialInterval());
            if (!loop.closing()) {
                persistPartial();
            }
        }
    }

    private void persistPartial() {
        try {
            if (receiver != null) {
                receiver.persistPartial();
            }
        } catch (IOException | RuntimeException e) {
            report(e);
        }
    }

    // ---- the lag poller ----

    private void poll() {
        MysqlClient client = null;
        while (!loop.closing()) {
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
            loop.pause(settings.statusInterval());
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

    private void cleanUp() {
        try {
            if (receiver != null) {
                receiver.close();
            }
        } catch (IOException e) {
            LOG.debug("could not delete the spool file: {}", e.getMessage());
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
