package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryReport;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.LogicalRestore;
import io.firedrill.api.spi.Recovery;
import io.firedrill.mysql.logical.dump.LogicalDump;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.logical.format.StreamNames;
import io.firedrill.mysql.replay.BinlogReplay;
import io.firedrill.mysql.replay.ReplayOptions;
import io.firedrill.mysql.replay.ReplayReport;
import io.firedrill.mysql.settings.MysqlOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores {@code mysql-logical} backups: {@link #load} (1) fetches the archived binary logs a point-in-time target
 * needs and resolves the target to an exact stop position, refusing a target outside the archive before anything
 * is loaded, (2) creates a new server ({@link NewServer}) or connects to an existing one, (3) loads the snapshot
 * ({@link LogicalLoad}), (4) replays the binary logs from the snapshot's coordinates to the stop position through
 * the server's own applier ({@link BinlogReplay}), (5) leaves a new server running on the requested port or stops
 * it. {@link RecoveryTarget#immediate()} is the snapshot itself; every other target replays, into new servers only.
 */
public final class MysqlLogicalRecovery implements Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlLogicalRecovery.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public boolean restoresLogically(String backupKind) {
        return LogicalDump.KIND.equals(backupKind);
    }

    @Override
    public void check(RecoveryTarget target, Map<String, Object> details, LogStore logs) {
        BinlogTargets.checkKind(target);
    }

    @Override
    public RecoveryReport recover(Path dataDirectory, Map<String, Object> details, RecoveryTarget target,
                                  OptionalInt port, LogStore logs, ProgressListener listener) {
        throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "mysql-logical backups are loaded into a "
                + "server, not recovered as files", "restore them with restore().to(directory) or intoServer(url)");
    }

    @Override
    public RecoveryReport load(LogicalRestore restore) {
        MysqlOptions options = MysqlOptions.of(MysqlOptions.Operation.RESTORE, restore.options());
        RecoveryTarget target = restore.target().orElse(RecoveryTarget.immediate());
        BinlogTargets.checkKind(target);
        BackupMetadata metadata = metadata(restore);
        long start = System.nanoTime();
        boolean existing = restore.server().isPresent();
        if (existing && restore.port().isPresent()) {
            throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "a port applies to a new server only",
                    "drop startServer(...) when restoring into an existing server");
        }
        boolean replay = target.kind() != RecoveryTarget.Kind.IMMEDIATE;
        if (replay && existing) {
            throw new FiredrillException(ErrorCode.INVALID_CONFIGURATION, "point-in-time recovery (" + target
                    + ") restores into a new server only; nothing was restored",
                    "restore to(directory) with the target, then export what you need from the new server; or load "
                            + "the snapshot alone into the existing server with recover(RecoveryTarget.immediate())");
        }
        // (1) the binary logs the target needs, and the exact stop position, before anything is loaded
        BinlogTargets.Plan plan = replay ? BinlogTargets.plan(restore, metadata, target) : null;
        NewServer server = null;
        try {
            // (2) the server
            server = existing ? null : NewServer.create(restore.directory(), metadata, restore.port().orElse(0),
                    options);
            // (3) the snapshot
            String url = existing ? restore.server().get() : server.url();
            LogicalLoad.Outcome outcome = new LogicalLoad(metadata, restore.streams(), restore.renames(), url,
                    !existing, restore.parallelism(), options.bool(LogicalLoad.DEFER_INDEXES, true)).run();
            if (server != null) {
                server.finishLoad(metadata);
            }
            Map<String, String> facts = new LinkedHashMap<>(outcome.facts());
            facts.put("flavor", metadata.flavor());
            String reached = "the backup's snapshot" + position(metadata.coordinates()) + ": " + outcome.tables()
                    + " tables, " + outcome.rows() + " rows loaded" + (existing ? " into an existing server" : "");
            // (4) binary log replay to the target
            if (plan != null) {
                ReplayReport report = BinlogReplay.replay(server.process(), plan.window(), plan.stop(),
                        restore.listener(), ReplayOptions.defaults());
                reached = reached + "; then " + report.transactionsApplied() + " transactions replayed up to "
                        + plan.stop() + (report.lastTime() == null ? "" : " (last commit " + report.lastTime() + ")");
                facts.putAll(BinlogTargets.facts(report));
            }
            // (5) leave the new server running, or stop it
            int port = server == null ? 0 : server.keepOrStop(restore.port().isPresent());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("restored {} in {} ms ({})", reached, took.toMillis(), facts);
            return new RecoveryReport(target, reached, took, port > 0, port, facts);
        } catch (RuntimeException e) {
            if (server != null) {
                server.abandon();
            }
            throw e;
        } finally {
            if (plan != null) {
                plan.close();
            }
        }
    }

    private static String position(BackupMetadata.Coordinates c) {
        StringBuilder out = new StringBuilder();
        if (c.binlogFile() != null) {
            out.append(" (binlog ").append(c.binlogFile()).append(':').append(c.binlogPosition());
        }
        String gtid = c.gtidExecuted() != null ? c.gtidExecuted() : c.gtidBinlogPos();
        if (gtid != null && !gtid.isEmpty()) {
            out.append(out.length() == 0 ? " (" : ", ").append("GTID ").append(gtid);
        }
        return out.length() == 0 ? "" : out.append(')').toString();
    }

    private static BackupMetadata metadata(LogicalRestore restore) {
        try (InputStream in = restore.streams().open(StreamNames.METADATA)) {
            return BackupMetadata.read(in);
        } catch (IOException e) {
            throw new FiredrillException(ErrorCode.CORRUPT_OBJECT, "the metadata stream " + StreamNames.METADATA
                    + " of the logical backup is unreadable: " + e.getMessage(), "verify the repository", e);
        }
    }

    @Override
    public String sanityCheck(Path dataDirectory, int port, Map<String, Object> details) {
        return SanityCheck.run(port, details);
    }

    @Override
    public void stop(Path dataDirectory, Map<String, Object> details) {
        if (!RunningServers.stop(dataDirectory, STOP_TIMEOUT)) {
            LOG.info("no restored server runs in {}", dataDirectory);
        }
    }
}
