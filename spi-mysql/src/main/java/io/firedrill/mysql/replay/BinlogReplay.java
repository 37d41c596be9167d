package io.firedrill.mysql.replay;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.OperationCancelledException;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.server.MysqlProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays archived binlogs onto a restored MySQL 8.0 or MariaDB server through the server's own replication applier,
 * not a {@code mysqlbinlog | mysql} pipe: the files are installed as the server's relay logs, the applier is pointed
 * at the backup's position and started with {@code UNTIL RELAY_LOG_FILE/RELAY_LOG_POS} at the stop point, and runs
 * with parallel workers that commit in the original order. The last file is cut at the stop point, so nothing past
 * the target can be applied. While it replays, the server flushes its redo log and binlog about once a second rather
 * than at every commit (see {@link ReplayOptions#relaxedDurability()}). Afterwards the replica configuration is reset
 * and the relay logs are gone; {@code server_id}, the applier and flush settings are put back as they were.
 *
 * <p>The server must run, be no replica already, and for MySQL hold the backup's GTIDs in {@code gtid_executed}
 * (transactions whose GTID it has are skipped). MariaDB replays by position: the start coordinate must be the
 * backup's exact position. If the server already has relay log files it is restarted once, on the same port.
 */
public final class BinlogReplay {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogReplay.class);

    private BinlogReplay() {
    }

    /**
     * Scans {@code binlogFiles}, resolves {@code target} from {@code start}, and replays with the default options.
     *
     * @throws FiredrillException {@link ErrorCode#INVALID_TARGET} for a target outside the window,
     *     {@link ErrorCode#LOG_GAP} for a missing file, {@link ErrorCode#ENGINE_FAILURE} when the applier fails
     */
    public static ReplayReport replay(MysqlProcess server, List<Path> binlogFiles, Coordinates start,
            RecoveryTarget target, ProgressListener listener) {
        BinlogWindow window = BinlogWindow.scan(binlogFiles, start);
        return replay(server, window, TargetResolver.resolve(window, target), listener, ReplayOptions.defaults());
    }

    /** Replays {@code binlogFiles} from {@code start} to an already resolved {@code stop}, with the default options. */
    public static ReplayReport replay(MysqlProcess server, List<Path> binlogFiles, Coordinates start, StopPoint stop,
            ProgressListener listener) {
        return replay(server, BinlogWindow.scan(binlogFiles, start), stop, listener, ReplayOptions.defaults());
    }

    /**
     * Replays the window's transactions from its start to {@code stop} into {@code server}.
     *
     * @throws FiredrillException {@link ErrorCode#ENGINE_FAILURE} with the applier's last error when it stops early,
     *     {@link ErrorCode#CANCELLED} when the listener cancels
     */
    public static ReplayReport replay(MysqlProcess server, BinlogWindow window, StopPoint stop,
            ProgressListener listener, ReplayOptions options) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        int stopFile = window.indexOf(stop.file()).orElseThrow(() -> new IllegalArgumentException("stop point " + stop
                + " is not in the window " + window.describe()));
        if (stopFile == 0 && stop.position() < window.start().position()) {
            throw new IllegalArgumentException("stop point " + stop + " is before the start " + window.start());
        }
        long started = System.nanoTime();
        List<ArchivedBinlog> sources = window.files().subList(0, stopFile + 1);
        listener.started(Operation.RESTORE, -1);
        try {
            TargetResolver.Applied applied = TargetResolver.applied(window, stop);
            ApplierDialect dialect = ApplierDialect.of(server.installation().flavor());
            String gtidState;
            long bytes = 0;
            if (applied.transactions() == 0) {
                gtidState = query(server, dialect);
            } else {
                Run run = new Run(server, dialect, sources, window, stop, listener, options);
                bytes = run.execute();
                gtidState = query(server, dialect);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            listener.finished(Operation.RESTORE, elapsed);
            LOG.info("replayed {} transactions ({} bytes of binlog) into {} up to {} in {} ms", applied.transactions(),
                    bytes, server, stop, elapsed.toMillis());
            return new ReplayReport(applied.transactions(), applied.lastFile(),
                    applied.last() == null ? -1 : applied.last().position(),
                    applied.last() == null ? null : applied.last().gtid(),
                    applied.last() == null ? null : applied.last().time(), stop, gtidState, bytes,
                    AppliedSettings.effectiveWorkers(dialect, options.parallelWorkers()), elapsed);
        } catch (FiredrillException e) {
            FiredrillException reported = e;
            if (e.code() == ErrorCode.ENGINE_FAILURE && !server.isRunning()) {
                reported = new FiredrillException(ErrorCode.ENGINE_FAILURE, e.getMessage().split("\nhint: ", 2)[0]
                        + "\nThe server is no longer running. Server log, last lines:\n" + server.logTail(30),
                        e.hint(), e);
            }
            listener.failed(Operation.RESTORE, reported);
            throw reported;
        } catch (RuntimeException e) {
            FiredrillException wrapped = new FiredrillException(ErrorCode.ENGINE_FAILURE, "binlog replay into " + server
                    + " failed: " + e.getMessage(), null, e);
            listener.failed(Operation.RESTORE, wrapped);
            throw wrapped;
        }
    }

    private static String query(MysqlProcess server, ApplierDialect dialect) {
        try (ApplierConnection c = new ApplierConnection(server.connect(), dialect)) {
            return c.variable(dialect == ApplierDialect.MYSQL ? "gtid_executed" : "gtid_slave_pos").orElse("")
                    .replaceAll("\\s", "");
        } catch (SQLException e) {
            throw ApplierConnection.failure("connecting to " + server, e);
        }
    }

    /** One replay: install, configure, apply, clean up. */
    private static final class Run {
        private final MysqlProcess server;
        private final ApplierDialect dialect;
        private final List<ArchivedBinlog> sources;
        private final BinlogWindow window;
        private final StopPoint stop;
        private final ProgressListener listener;
        private final ReplayOptions options;

        Run(MysqlProcess server, ApplierDialect dialect, List<ArchivedBinlog> sources, BinlogWindow window,
                StopPoint stop, ProgressListener listener, ReplayOptions options) {
            this.server = server;
            this.dialect = dialect;
            this.sources = sources;
            this.window = window;
            this.stop = stop;
            this.listener = listener;
            this.options = options;
        }

        long execute() {
            RelayLogs relays = null;
            ApplierConnection c = connect();
            AppliedSettings settings = null;
            try {
                if (c.status().isPresent()) {
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, server + " is already configured as a "
                            + "replica; binlog replay needs a freshly restored server", "restore into a new server, "
                            + "or run " + dialect.reset + " on it first");
                }
                Path dataDir = server.dataDir();
                Optional<String> configured = c.variable("relay_log_basename").filter(v -> !v.isBlank());
                // MariaDB shows no name unless one was configured; its default is the pid file's name + -relay-bin.
                Path basename = resolve(dataDir, configured.isPresent() ? configured.get() : defaultRelayName(c));
                Path index = resolve(dataDir, c.variable("relay_log_index").filter(v -> !v.isBlank())
                        .orElse(basename + ".index"));
                boolean pointed = false;
                if (!Files.exists(index)) {
                    relays = RelayLogs.install(sources, stop.position(), basename, index, dataDir);
                    try {
                        c.execute(dialect.changeSource(relays.name(0), window.start().position()),
                                "pointing the applier at the backup's position");
                        pointed = true;
                    } catch (FiredrillException e) {
                        if (configured.isPresent()) {
                            throw e;
                        }
                        LOG.debug("relay logs under {} not found by the server, naming them at a restart: {}",
                                basename, e.getMessage());
                        if (c.status().isPresent()) {
                            c.execute(dialect.reset, "removing the replica configuration");
                        }
                        relays.delete();
                        relays = null;
                    }
                }
                if (!pointed) {
                    // The server holds a relay log index open, or its relay log name is unknown: install while it is
                    // down, naming the relay logs explicitly when needed.
                    c.close();
                    int port = server.port();
                    server.stop();
                    if (configured.isEmpty()) {
                        basename = dataDir.resolve("firedrill-relay-bin");
                        index = dataDir.resolve("firedrill-relay-bin.index");
                        server.option("relay-log", basename.toString()).option("relay-log-index", index.toString());
                    }
                    if (Files.exists(index)) {
                        deleteListed(index);
                    }
                    relays = RelayLogs.install(sources, stop.position(), basename, index, dataDir);
                    server.start(port);
                    c = connect();
                    c.execute(dialect.changeSource(relays.name(0), window.start().position()),
                            "pointing the applier at the backup's position");
                }
                settings = AppliedSettings.apply(c, serverIds(), options);
                String last = relays.name(relays.count() - 1);
                c.execute(dialect.startUntil(last, stop.position()), "starting the applier");
                await(c, relays);
                return relays.bytes() - window.start().position();
            } finally {
                cleanUp(c, relays, settings);
            }
        }

        private void await(ApplierConnection c, RelayLogs relays) {
            long deadline = System.nanoTime() + options.timeout().toNanos();
            int lastFile = relays.count() - 1;
            while (true) {
                ApplierConnection.Status s = c.status().orElseThrow(() -> new FiredrillException(ErrorCode.ENGINE_FAILURE,
                        "the replica configuration of " + server + " vanished during binlog replay", null));
                int i = relays.indexOf(s.relayFile());
                listener.progressed(Operation.RESTORE, i < 0 ? 0 : relays.bytesBefore(i) + s.relayPosition(),
                        relays.bytes());
                String where = i < 0 ? s.relayFile() + ":" + s.relayPosition()
                        : sources.get(i).name() + ":" + s.relayPosition();
                // The last file ends at the stop point. Servers that do not stop at an UNTIL position at the very end
                // of a file move on to their own, empty relay log: either way every installed event is applied.
                boolean reached = s.errorNumber() == 0 && ((i == lastFile && s.relayPosition() >= stop.position())
                        || (i < 0 && !s.relayFile().isEmpty()));
                if (reached) {
                    return;
                }
                if (!s.running()) {
                    if (s.errorNumber() != 0) {
                        throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server's applier stopped with "
                                + "error " + s.errorNumber() + " after applying up to " + where + " (target " + stop
                                + "): " + s.error(), "the transactions before " + where + " are applied; the error "
                                + "says why the next one failed (a restored server whose data or GTIDs differ from the "
                                + "backup's coordinates is the usual cause)");
                    }
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the server's applier stopped at " + where
                            + " before reaching the target " + stop + ", without an error", "the server log says why");
                }
                if (listener.isCancelled()) {
                    throw new OperationCancelledException(Operation.RESTORE);
                }
                if (System.nanoTime() > deadline) {
                    throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "binlog replay did not reach " + stop
                            + " within " + options.timeout() + "; it got to " + where, "raise the replay timeout");
                }
                sleep(options.pollInterval());
            }
        }

        private void cleanUp(ApplierConnection c, RelayLogs relays, AppliedSettings settings) {
            try {
                // Only a configuration this replay made is removed, never one the server had before.
                if (relays != null && c.status().isPresent()) {
                    c.execute(dialect.stop, "stopping the applier");
                    c.execute(dialect.reset, "removing the replica configuration");
                }
                if (settings != null) {
                    settings.restore(c);
                }
            } catch (RuntimeException e) {
                LOG.warn("cleaning up after binlog replay into {} failed: {}", server, e.getMessage());
            } finally {
                c.close();
                if (relays != null) {
                    relays.delete();
                }
            }
        }

        private Set<Long> serverIds() {
            Set<Long> ids = new TreeSet<>();
            sources.forEach(f -> ids.addAll(f.serverIds()));
            return ids;
        }

        private ApplierConnection connect() {
            try {
                return new ApplierConnection(server.connect(), dialect);
            } catch (SQLException e) {
                throw ApplierConnection.failure("connecting to " + server, e);
            }
        }
    }

    /** A server's default relay log base name: its pid file's name without extension, then {@code -relay-bin}. */
    private static String defaultRelayName(ApplierConnection c) {
        String pidFile = c.variable("pid_file").orElse("");
        String name = pidFile.isBlank() ? "firedrill" : Path.of(pidFile).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "-relay-bin";
    }

    private static Path resolve(Path dataDir, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : dataDir.resolve(p)).normalize();
    }

    private static void deleteListed(Path index) {
        try {
            for (String line : Files.readAllLines(index)) {
                if (!line.isBlank()) {
                    Files.deleteIfExists(resolve(index.getParent(), line.strip()));
                }
            }
            Files.deleteIfExists(index);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the old relay logs listed in " + index, e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException(Operation.RESTORE);
        }
    }
}
