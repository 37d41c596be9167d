package io.firedrill.postgres.stream;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.Operation;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.LogStore;
import io.firedrill.core.logs.ReconnectLoop;
import io.firedrill.postgres.PostgresFailure;
import io.firedrill.postgres.wal.Lsn;
import io.firedrill.postgres.wal.TimelineHistory;
import io.firedrill.postgres.wal.WalSegment;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a PostgreSQL cluster's WAL into the repository over the replication protocol, as
 * {@code pg_receivewal} does, through a physical replication slot.
 *
 * <ul>
 *   <li>Each segment is archived ({@code postgres-<system identifier>/<segment name>}) as soon as its last byte
 *       arrives; the segment still being written is persisted as {@code <segment>.partial} every
 *       {@link StreamSettings#partialInterval()}, and that partial file is deleted once the segment is complete.</li>
 *   <li>Memory is one segment buffer, reused.</li>
 *   <li>The slot is told WAL is flushed only up to what is durably in the repository (complete segments, then
 *       the persisted part of the open segment), so the server keeps every segment not completely archived yet.
 *       After a dropped connection or a server restart the archiver reconnects (with exponential backoff, until
 *       closed) and resumes at the first byte of the first incomplete segment: no gap.</li>
 *   <li>When the server's timeline changes (a promoted standby), the new {@code <TLI>.history} file is archived
 *       and streaming goes on on the new timeline from the segment holding the switch point.</li>
 * </ul>
 * Failures are reported to the operation's listener ({@link io.firedrill.api.ProgressListener#failed}) and do
 * not stop the archiver; only {@link #close()} does.
 */
public final class WalStreamer implements LogArchiver {
    private static final Logger LOG = LoggerFactory.getLogger(WalStreamer.class);
    private static final long IDLE_SLEEP_MILLIS = 10;

    private final ReplicationConnector connector;
    private final EngineContext context;
    private final LogStore logs;
    private final StreamSettings settings;
    private final LagTracker lag = new LagTracker();
    private final ReconnectLoop loop;
    private final long startedNanos = System.nanoTime();
    private final Thread worker;
    private final Thread poller;

    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile long archivedPosition = -1;
    private volatile String lastArchivedFile;
    private volatile Instant lastArchivedAt;
    private volatile String lastError;
    private volatile long serverTimeline = -1;

    // Owned by the worker thread (and by start() before the worker exists).
    private Session firstSession;
    private ClusterIdentity identity;
    private SegmentBuffer buffer;
    private volatile long timeline;
    private volatile Connection activeReplication;
    private Lsn resume;
    private int partialFilled;
    private long archivedBytes;

    private WalStreamer(ReplicationConnector connector, EngineContext context, StreamSettings settings) {
        this.connector = connector;
        this.context = context;
        this.logs = context.logs();
        this.settings = settings;
        this.loop = new ReconnectLoop(settings.minBackoff(), settings.maxBackoff());
        this.worker = new Thread(this::work, "firedrill-wal-stream");
        this.worker.setDaemon(true);
        this.poller = new Thread(this::poll, "firedrill-wal-lag");
        this.poller.setDaemon(true);
    }

    /**
     * Connects, creates the slot if needed and starts streaming in a background thread.
     *
     * @throws FiredrillException when the first connection fails (wrong URL, credentials, no REPLICATION role,
     *     replication not allowed by pg_hba.conf): a misconfiguration shows at once, not in a listener
     */
    public static WalStreamer start(String url, EngineContext context, StreamSettings settings) {
        WalStreamer streamer = new WalStreamer(new ReplicationConnector(url), context, settings);
        context.listener().started(Operation.ARCHIVE_LOGS, -1);
        Session first;
        try {
            first = streamer.open();
        } catch (Exception e) {
            FiredrillException failure = streamer.failure(e);
            streamer.running = false;
            context.listener().failed(Operation.ARCHIVE_LOGS, failure);
            throw failure;
        }
        streamer.firstSession = first;
        streamer.worker.start();
        streamer.poller.start();
        return streamer;
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public LogArchiverStatus status() {
        long archived = archivedPosition;
        return new LogArchiverStatus(running, connected, archived < 0 ? null : new Lsn(archived).toString(),
                lastArchivedFile, lag.lagBytes(archived), lag.lagSeconds(archived, System.nanoTime()),
                lastArchivedAt, lastError);
    }

    /** The log stream this archiver writes, {@code postgres-<system identifier>}. */
    public String stream() {
        return identity.stream();
    }

    @Override
    public void close() {
        if (loop.closing()) {
            return;
        }
        loop.close();
        try {
            worker.join(TimeUnit.MINUTES.toMillis(2));
            poller.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        context.listener().finished(Operation.ARCHIVE_LOGS, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    // ---- the worker ----

    private void work() {
        try {
            loop.run(this::session, this::failed);
        } catch (Throwable t) {
            report(t);
        } finally {
            running = false;
        }
    }

    /** One connection pair (opened here unless start() did): streams until it fails or the archiver closes. */
    private boolean session() throws SQLException {
        Session session = firstSession != null ? firstSession : open();
        firstSession = null;
        try {
            connected = true;
            lastError = null;
            return stream(session);
        } catch (TimelineSwitch e) {
            LOG.info("{} moved to timeline {}; reconnecting to follow it", identity.stream(), e.timeline);
            return true;
        } finally {
            activeReplication = null;
            connected = false;
            session.close();
        }
    }

    /** A failed session: a timeline switch reconnects at once, anything else is reported and retried later. */
    private boolean failed(Exception e) {
        if (serverTimeline > timeline) {
            LOG.info("{} moved to timeline {}; reconnecting to follow it", identity.stream(), serverTimeline);
            return true;
        }
        report(e);
        return false;
    }

    /** Connects, identifies the cluster, follows a timeline switch, and starts the stream at {@link #resume}. */
    private Session open() throws SQLException {
        Session session = new Session();
        try {
            session.sql = connector.sql();
            session.replication = connector.replication();
            ClusterIdentity.Identified server = ClusterIdentity.identify(session.replication);
            if (identity == null) {
                identity = ClusterIdentity.read(session.sql, server.systemIdentifier());
                buffer = new SegmentBuffer(identity.segmentSize());
            } else if (!identity.systemIdentifier().equals(server.systemIdentifier())) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server now belongs to cluster "
                        + server.systemIdentifier() + ", not to " + identity.systemIdentifier()
                        + " whose WAL this archiver streams", "start a new archiver for the new cluster");
            }
            String slot = settings.slotFor(identity.systemIdentifier());
            Lsn slotPosition = ClusterIdentity.ensureSlot(session.sql, slot);
            if (resume == null) {
                Lsn from = slotPosition != null ? slotPosition : server.position();
                resume = WalSegment.containing(server.timeline(), from, identity.segmentSize()).start();
                timeline = server.timeline();
                LOG.info("streaming WAL of {} from {} on timeline {} through slot {}", identity.stream(), resume,
                        timeline, slot);
            }
            if (server.timeline() != timeline) {
                followTimeline(session, server.timeline());
            }
            archiveHistory(session, timeline, true);
            session.stream = connector.startStream(session.replication, slot, resume, settings.statusInterval());
            buffer.reset(WalSegment.containing(timeline, resume, identity.segmentSize()));
            partialFilled = 0;
            activeReplication = session.replication;
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Receives until closed (returns) or until the connection fails (throws); true when WAL arrived. */
    private boolean stream(Session session) throws SQLException {
        PGReplicationStream stream = session.stream;
        long nextPartial = System.nanoTime() + settings.partialInterval().toNanos();
        boolean received = false;
        while (!loop.closing()) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                if (stream.isClosed()) {
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server ended WAL streaming at "
                            + buffer.position() + " (a shutdown or a timeline switch)", "the archiver reconnects");
                }
                if (System.nanoTime() >= nextPartial) {
                    persistPartial(stream);
                    nextPartial = System.nanoTime() + settings.partialInterval().toNanos();
                }
                long serverOn = serverTimeline;
                if (serverOn > timeline) {
                    // PostgreSQL ends the old timeline's stream but PgJDBC does not surface that: reconnect.
                    persistPartial(stream);
                    throw new TimelineSwitch(serverOn);
                }
                loop.pause(Duration.ofMillis(IDLE_SLEEP_MILLIS));
                continue;
            }
            long start = stream.getLastReceiveLSN().asLong() - message.remaining();
            if (start != buffer.position().value()) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server sent WAL from "
                        + new Lsn(start) + " where " + buffer.position() + " was expected",
                        "the archiver reconnects and resumes from the start of the segment");
            }
            received = true;
            while (message.hasRemaining()) {
                buffer.append(message);
                if (buffer.complete()) {
                    completeSegment(stream);
                }
            }
            if (System.nanoTime() >= nextPartial) {
                persistPartial(stream);
                nextPartial = System.nanoTime() + settings.partialInterval().toNanos();
            }
        }
        persistPartial(stream);
        return received;
    }

    private void completeSegment(PGReplicationStream stream) throws SQLException {
        WalSegment segment = buffer.segment();
        String name = segment.fileName();
        LogStore.PutOutcome outcome = logs.put(identity.stream(), name, buffer.content());
        String partial = name + ".partial";
        if (logs.find(identity.stream(), partial).isPresent()) {
            logs.delete(identity.stream(), partial);
        }
        Lsn end = segment.end();
        resume = end;
        markArchived(end.value());
        lastArchivedFile = name;
        archivedBytes += segment.segmentSize();
        buffer.reset(segment.next());
        partialFilled = 0;
        LOG.debug("archived {} ({})", name, outcome);
        context.listener().progressed(Operation.ARCHIVE_LOGS, archivedBytes, -1);
        confirm(stream, end);
    }

    /**
     * Persists the open segment as {@code <segment>.partial} when it grew, then confirms that position: the slot
     * still keeps the whole segment (the server retains the segment holding the slot's position, and resuming
     * starts at the segment's first byte), and a shutting-down server, which waits until the receiver confirms
     * everything sent, can finish.
     */
    private void persistPartial(PGReplicationStream stream) throws SQLException {
        if (buffer.filled() <= partialFilled) {
            return;
        }
        logs.put(identity.stream(), buffer.segment().fileName() + ".partial", buffer.content());
        partialFilled = buffer.filled();
        Lsn position = buffer.position();
        markArchived(position.value());
        confirm(stream, position);
    }

    private static void confirm(PGReplicationStream stream, Lsn position) throws SQLException {
        LogSequenceNumber confirmed = LogSequenceNumber.valueOf(position.value());
        stream.setFlushedLSN(confirmed);
        stream.setAppliedLSN(confirmed);
        stream.forceUpdateStatus();
    }

    private void markArchived(long position) {
        if (Long.compareUnsigned(position, archivedPosition) > 0 || archivedPosition < 0) {
            archivedPosition = position;
        }
        lastArchivedAt = context.clock().instant();
    }

    /**
     * The server is on {@code newTimeline}: archives its history and moves {@link #resume} to the segment that
     * holds the switch point, which the server reads from the new timeline's file.
     */
    private void followTimeline(Session session, long newTimeline) throws SQLException {
        String text = archiveHistory(session, newTimeline, false);
        for (long t = timeline + 1; t < newTimeline; t++) {
            try {
                archiveHistory(session, t, true);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not archive the history of intermediate timeline {}: {}", t, e.getMessage());
            }
        }
        TimelineHistory history = TimelineHistory.parse(newTimeline, text);
        TimelineHistory.Fork fork = history.forks().stream().filter(f -> f.parent() == timeline).findFirst()
                .orElseThrow(() -> new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server's timeline "
                        + newTimeline + " does not descend from timeline " + timeline + ", which this archiver streamed",
                        "start a new archiver (with a new slot) for this server"));
        WalSegment switchSegment = WalSegment.containing(newTimeline, fork.switchPoint(), identity.segmentSize());
        if (resume.compareTo(switchSegment.start()) < 0) {
            FiredrillException gap = new FiredrillException(ErrorCode.LOG_GAP, "WAL of timeline " + timeline
                    + " from " + resume + " to the switch to timeline " + newTimeline + " at " + fork.switchPoint()
                    + " was not streamed before the switch, and PostgreSQL streams only the new timeline now",
                    "archive those segments from the old primary's pg_wal (archive_command push), or take a new "
                            + "backup on timeline " + newTimeline);
            report(gap);
        }
        LOG.info("{} switched from timeline {} to {} at {}; streaming from {}", identity.stream(), timeline,
                newTimeline, fork.switchPoint(), switchSegment);
        timeline = newTimeline;
        resume = switchSegment.start();
    }

    /** Archives {@code <TLI>.history} unless present (timeline 1 has none); returns its text. */
    private String archiveHistory(Session session, long tli, boolean onlyIfAbsent) throws SQLException {
        if (tli <= 1) {
            return "";
        }
        String name = TimelineHistory.fileName(tli);
        if (onlyIfAbsent && logs.find(identity.stream(), name).isPresent()) {
            return null;
        }
        byte[] content = ClusterIdentity.timelineHistory(session.replication, session.sql, tli);
        logs.put(identity.stream(), name, new ByteArrayInputStream(content));
        LOG.info("archived {} of {}", name, identity.stream());
        return new String(content, StandardCharsets.US_ASCII);
    }

    // ---- the lag poller ----

    private void poll() {
        Connection connection = null;
        while (!loop.closing()) {
            try {
                if (connection == null) {
                    connection = connector.sql();
                }
                ClusterIdentity.ServerPosition server = ClusterIdentity.serverPosition(connection);
                if (server.position() != null) {
                    lag.observed(server.position().value(), System.nanoTime());
                }
                serverTimeline = server.timeline();
                Connection streaming = activeReplication;
                if (streaming != null && server.timeline() > timeline) {
                    // PostgreSQL ends the old timeline's stream, but PgJDBC can block waiting for the rest of
                    // the protocol exchange: cut the connection, and the worker reconnects onto the new timeline.
                    LOG.debug("the server is on timeline {}: ending the stream of timeline {}", server.timeline(),
                            timeline);
                    streaming.abort(Runnable::run);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.debug("could not read the server's WAL position: {}", e.getMessage());
                ReplicationConnector.closeQuietly(connection);
                connection = null;
            }
            loop.pause(settings.statusInterval());
        }
        ReplicationConnector.closeQuietly(connection);
    }

    // ---- helpers ----

    private void report(Throwable e) {
        FiredrillException failure = failure(e);
        lastError = failure.getMessage();
        LOG.warn("WAL streaming{}: {}", identity == null ? "" : " of " + identity.stream(), failure.getMessage());
        try {
            context.listener().failed(Operation.ARCHIVE_LOGS, failure);
        } catch (RuntimeException listenerFailure) {
            LOG.warn("the progress listener failed: {}", listenerFailure.toString());
        }
    }

    private FiredrillException failure(Throwable e) {
        if (e instanceof FiredrillException f) {
            return f;
        }
        if (e instanceof SQLException s) {
            return PostgresFailure.of("streaming WAL", s);
        }
        return new FiredrillException(ErrorCode.ENGINE_FAILURE, "WAL streaming failed: " + e,
                "the archiver retries until closed; see the log", e);
    }

    /** The server is on a newer timeline than the one being streamed. */
    private static final class TimelineSwitch extends RuntimeException {
        final long timeline;

        TimelineSwitch(long timeline) {
            super("the server switched to timeline " + timeline, null, false, false);
            this.timeline = timeline;
        }
    }

    /** One connection pair and its stream. */
    private static final class Session implements AutoCloseable {
        Connection sql;
        Connection replication;
        PGReplicationStream stream;

        @Override
        public void close() {
            if (stream != null) {
                try {
                    stream.close();
                } catch (SQLException | RuntimeException ignored) {
                    // the connection is closed next, which ends the stream anyway
                }
            }
            ReplicationConnector.closeQuietly(replication);
            ReplicationConnector.closeQuietly(sql);
        }
    }
}
