package io.firedrill.postgres.recovery;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryReport;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.spi.LogStore;
import io.firedrill.api.spi.Recovery;
import io.firedrill.postgres.server.OsUser;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Point-in-time recovery of a restored PostgreSQL physical backup: recreate the directories a backup leaves
 * out, write the recovery settings (WAL served from a local spool fed by the repository, archiving off), start
 * the server as its OS user, wait until it reaches the target, then stop it or leave it running.
 */
public final class PostgresRecovery implements Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRecovery.class);
    private static final String[] EMPTY_DIRECTORIES = {"pg_wal/archive_status", "pg_replslot", "pg_stat_tmp",
        "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans", "pg_tblspc", "pg_logical/snapshots",
        "pg_logical/mappings"};

    private final Duration timeout;

    /** @param timeout how long recovery may take before it is abandoned */
    public PostgresRecovery(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void check(RecoveryTarget target, Map<String, Object> details, LogStore logs) {
        resolve(target, details, logs);
    }

    /** The target PostgreSQL is given: a "before drop" target becomes the dropping transaction, exclusive. */
    private static RecoveryTarget resolve(RecoveryTarget target, Map<String, Object> details, LogStore logs) {
        if (target.kind() == RecoveryTarget.Kind.BINLOG_POSITION || target.kind() == RecoveryTarget.Kind.GTID) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "recovery target " + target.kind() + " "
                    + target.value() + " is a MySQL/MariaDB target; PostgreSQL recovers to a time, an LSN, a "
                    + "transaction id, a restore point, 'immediate', 'latest' or just before a drop",
                    "use RecoveryTarget.time, lsn, xid, restorePoint, immediate, latest or beforeDropOf");
        }
        if (target.kind() != RecoveryTarget.Kind.BEFORE_DROP) {
            RecoveryPlan.of(target, details, logs);
            return target;
        }
        RecoveryPlan plan = RecoveryPlan.of(RecoveryTarget.immediate().onTimeline(target.timeline()), details, logs);
        long xid = DropFinder.transactionDropping(target.value(), details, plan, logs);
        return RecoveryTarget.xid(xid).exclusive().onTimeline(target.timeline()).endAction(target.endAction());
    }

    @Override
    public RecoveryReport recover(Path dataDirectory, Map<String, Object> details, RecoveryTarget target,
                                  OptionalInt port, LogStore logs, ProgressListener listener) {
        RecoveryTarget effective = resolve(target, details, logs);
        RecoveryPlan plan = RecoveryPlan.of(effective, details, logs);
        int major = ((Number) details.get("majorVersion")).intValue();
        PostgresInstallation installation = PostgresBinaries.forMajor(major);
        OsUser user = OsUser.forServer();
        Path spoolDir = temporaryDirectory();
        long start = System.nanoTime();
        try (WalSpool spool = WalSpool.start(spoolDir, logs, plan.stream(), plan.segmentSize(), user)) {
            prepare(dataDirectory, RecoverySettings.of(effective, spool.restoreCommand(), plan.timeline()));
            PostgresProcess server = PostgresProcess.existing(installation, dataDirectory, user)
                    .startTimeout(timeout);
            try {
                server.start(port.orElse(0) == 0 ? freePort() : port.getAsInt());
                Map<String, String> facts = new LinkedHashMap<>(awaitTarget(server, effective, spool));
                if (effective != target) {
                    facts.put("stoppedBeforeTransaction", effective.value());
                }
                Duration replay = Duration.ofNanos(System.nanoTime() - start);
                boolean keep = port.isPresent() && server.isRunning();
                if (!keep) {
                    server.stop();
                    removeRecoverySettings(dataDirectory);
                }
                String reached = (effective != target ? "just before transaction " + effective.value() + ", "
                        : "") + "timeline " + facts.getOrDefault("timeline", "?") + ", last replayed position "
                        + facts.getOrDefault("replayLsn", "?");
                LOG.info("recovered {} to {} in {} ms ({})", plan.stream(), target.kind(), replay.toMillis(), reached);
                return new RecoveryReport(target, reached, replay, keep, keep ? server.port() : 0, facts);
            } catch (RuntimeException e) {
                String log = server.logTail(30);
                server.close();
                throw failed(e, log, plan, spool);
            }
        } finally {
            try {
                PathUtils.deleteDirectory(spoolDir);
            } catch (IOException e) {
                LOG.debug("could not delete the WAL spool {}: {}", spoolDir, e.getMessage());
            }
        }
    }

    @Override
    public String sanityCheck(Path dataDirectory, int port, Map<String, Object> details) {
        String database = (String) details.getOrDefault("database", "postgres");
        @SuppressWarnings("unchecked")
        Map<String, Number> recorded = (Map<String, Number>) details.getOrDefault("tables", Map.of());
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
        long rows = 0;
        int tables = 0;
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (bool(s, "select pg_is_in_recovery()")) {
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the drilled server is still in recovery", null);
            }
            for (String table : recorded.keySet()) {
                String quoted = text(s, "select quote_ident(split_part('" + table.replace("'", "''") + "', '.', 1)) "
                        + "|| '.' || quote_ident(split_part('" + table.replace("'", "''") + "', '.', 2))");
                rows += Long.parseLong(text(s, "select count(*)::text from " + quoted));
                tables++;
            }
            String checksums = text(s, "show data_checksums");
            return tables + " tables of " + database + " read in full (" + rows + " rows; " + sum(recorded)
                    + " estimated at backup time), data checksums " + checksums;
        } catch (SQLException e) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "a drill check failed on the recovered server: "
                    + e.getMessage(), "the backup restores but does not read back: inspect the server log", e);
        }
    }

    @Override
    public void stop(Path dataDirectory, Map<String, Object> details) {
        int major = ((Number) details.get("majorVersion")).intValue();
        try (PostgresProcess server = PostgresProcess.existing(PostgresBinaries.forMajor(major), dataDirectory,
                OsUser.forServer())) {
            server.stop();
        }
    }

    private static long sum(Map<String, Number> recorded) {
        return recorded.values().stream().mapToLong(Number::longValue).sum();
    }

    private Map<String, String> awaitTarget(PostgresProcess server, RecoveryTarget target, WalSpool spool) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            spool.failure().ifPresent(e -> {
                throw e;
            });
            if (!server.isRunning()) {
                if (target.endAction() == RecoveryTarget.EndAction.SHUTDOWN && target.kind() != RecoveryTarget.Kind.LATEST
                        && server.logTail(50).contains("recovery stopping")) {
                    return Map.of("state", "shut down at the target");
                }
                throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "the recovering server stopped", null);
            }
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                boolean inRecovery = bool(s, "select pg_is_in_recovery()");
                if (!inRecovery) {
                    return facts(s, "promoted");
                }
                if (target.endAction() == RecoveryTarget.EndAction.PAUSE
                        && "paused".equals(text(s, "select pg_get_wal_replay_pause_state()"))) {
                    return facts(s, "paused at the target");
                }
            } catch (SQLException e) {
                LOG.debug("server not answering yet: {}", e.getMessage());
            }
            sleep(200);
        }
        throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "recovery did not reach its target within " + timeout,
                "recovery of a large WAL backlog takes time; raise the recovery timeout");
    }

    private static Map<String, String> facts(Statement s, String state) throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("state", state);
        facts.put("timeline", text(s, "select timeline_id::text from pg_control_checkpoint()"));
        String replay = text(s, "select coalesce(pg_last_wal_replay_lsn()::text, '')");
        facts.put("replayLsn", replay.isEmpty() ? text(s, "select pg_current_wal_lsn()::text") : replay);
        return facts;
    }

    private static void prepare(Path dataDirectory, Map<String, String> settings) {
        try {
            for (String dir : EMPTY_DIRECTORIES) {
                Files.createDirectories(dataDirectory.resolve(dir));
            }
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
            String permanent = "";
            try (var tablespaces = Files.list(dataDirectory.resolve("pg_tblspc"))) {
                if (tablespaces.findAny().isPresent()) {
                    // Tablespaces come back as directories inside pg_tblspc (the original locations may not exist
                    // on this host); PostgreSQL accepts those only with this setting, at every later start too.
                    permanent = "\n# Added by Firedrill: tablespaces were restored inside pg_tblspc\n"
                            + "allow_in_place_tablespaces = 'on'\n";
                }
            }
            Files.writeString(dataDirectory.resolve("postgresql.auto.conf"),
                    permanent + RecoverySettings.render(settings), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Files.write(dataDirectory.resolve("recovery.signal"), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + dataDirectory + " for recovery failed: " + e.getMessage(), e);
        }
    }

    /** Drops Firedrill's recovery lines so a later start does not look for the (deleted) spool. */
    private static void removeRecoverySettings(Path dataDirectory) {
        Path auto = dataDirectory.resolve("postgresql.auto.conf");
        try {
            String text = Files.readString(auto, StandardCharsets.UTF_8);
            int cut = text.indexOf("\n# Added by Firedrill for point-in-time recovery\n");
            if (cut >= 0) {
                Files.writeString(auto, text.substring(0, cut + 1), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the recovery settings from {}: {}", auto, e.getMessage());
        }
    }

    private static FiredrillException failed(RuntimeException e, String log, RecoveryPlan plan, WalSpool spool) {
        if (e instanceof FiredrillException fe && fe.code() != ErrorCode.ENGINE_FAILURE) {
            return fe;
        }
        boolean notReached = log.contains("recovery ended before configured recovery target was reached");
        return new FiredrillException(notReached ? ErrorCode.LOG_GAP : ErrorCode.ENGINE_FAILURE,
                "point-in-time recovery of " + plan.stream() + " failed"
                        + (notReached ? ": the archived WAL ended before the target was reached" : ": " + e.getMessage())
                        + spool.failure().map(f -> "; the WAL spool failed: " + f.getMessage()).orElse("")
                        + "\nrecoverable window: " + plan.window() + "\nserver log (last lines):\n" + log,
                notReached ? "choose a target inside the window, or archive the missing WAL"
                        : "see the server log above", e);
    }

    private static boolean bool(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("firedrill-wal-spool-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for recovery", e);
        }
    }
}
