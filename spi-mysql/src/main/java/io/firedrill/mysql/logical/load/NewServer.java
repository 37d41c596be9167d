package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.logical.format.BackupMetadata;
import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import io.firedrill.mysql.settings.MysqlOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A new server a logical backup is loaded into: initialized in the restore directory from the binaries
 * {@link RestoreInstallation} picks, started with {@code local_infile} on and the event scheduler off (restored
 * events must not run on a copy), and, while the load runs, with relaxed durability: no flush at commit,
 * {@code sync_binlog=0} and, on MySQL 8.0.21 and later, the redo log disabled. {@link #finishLoad} restores full
 * durability and gives the server the backup's GTID state, so that binary logs replayed later continue it:
 * MySQL {@code gtid_purged} = the snapshot's {@code gtid_executed}; MariaDB {@code gtid_binlog_state} = the
 * snapshot's, and {@code gtid_slave_pos} = its {@code gtid_binlog_pos}.
 *
 * <p>Extra server options come from the restore option {@code serverOptions}, else the system property
 * {@code firedrill.mysql.serverOptions} ({@code name=value,name=value}, such as {@code innodb_buffer_pool_size=1G}).
 */
final class NewServer {
    private final MysqlProcess process;
    private final boolean redoDisabled;

    private NewServer(MysqlProcess process, boolean redoDisabled) {
        this.process = process;
        this.redoDisabled = redoDisabled;
    }

    /** Initializes and starts the server on {@code port} (a free one when 0), ready for loading. */
    static NewServer create(Path directory, BackupMetadata metadata, int port, MysqlOptions options) {
        MysqlInstallation installation = RestoreInstallation.forBackup(metadata.flavor(), metadata.version(),
                options.option("basedir"));
        MysqlProcess process = MysqlProcess.initialize(installation, directory);
        try {
            process.option("local-infile", "1").option("event-scheduler", "OFF")
                    .option("pid-file", process.dataDir().resolve(RunningServers.PID_FILE).toString());
            for (String[] option : serverOptions(options)) {
                process.option(option[0], option[1]);
            }
            if (port > 0) {
                startOn(process, port);
            } else {
                process.start();
            }
            boolean redo = false;
            try (Connection c = process.connect(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 0");
                s.execute("SET GLOBAL sync_binlog = 0");
                if (installation.flavor() == MysqlFlavor.MYSQL) {
                    try {
                        s.execute("ALTER INSTANCE DISABLE INNODB REDO_LOG");
                        redo = true;
                    } catch (SQLException e) {
                        // MySQL before 8.0.21 cannot disable its redo log: load with it
                    }
                }
            }
            return new NewServer(process, redo);
        } catch (SQLException e) {
            process.close();
            throw MysqlFailure.of("preparing the new server in " + directory, e);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static List<String[]> serverOptions(MysqlOptions settings) {
        List<String[]> options = new ArrayList<>();
        String text = settings.text("serverOptions");
        for (String option : (text == null ? "" : text).split(",")) {
            if (option.isBlank()) {
                continue;
            }
            int eq = option.indexOf('=');
            options.add(eq < 0 ? new String[] {option.trim(), ""}
                    : new String[] {option.substring(0, eq).trim(), option.substring(eq + 1).trim()});
        }
        return options;
    }

    /** The server. */
    MysqlProcess process() {
        return process;
    }

    /** The JDBC URL of the loading connections. */
    String url() {
        return process.jdbcUrl() + "&allowPublicKeyRetrieval=true";
    }

    /** Restores durability and sets the backup's GTID state. */
    void finishLoad(BackupMetadata metadata) {
        BackupMetadata.Coordinates c = metadata.coordinates();
        try (Connection connection = process.connect(); Statement s = connection.createStatement()) {
            if (redoDisabled) {
                s.execute("ALTER INSTANCE ENABLE INNODB REDO_LOG");
            }
            s.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
            s.execute("SET GLOBAL sync_binlog = 1");
            s.execute("RESET MASTER");
            if (process.installation().flavor() == MysqlFlavor.MYSQL) {
                if (c.gtidExecuted() != null && !c.gtidExecuted().isEmpty()) {
                    s.execute("SET GLOBAL gtid_purged = '" + c.gtidExecuted().replace("'", "") + "'");
                }
            } else if (c.gtidBinlogState() != null) {
                if (!c.gtidBinlogState().isEmpty()) {
                    s.execute("SET GLOBAL gtid_binlog_state = '" + c.gtidBinlogState().replace("'", "") + "'");
                }
                s.execute("SET GLOBAL gtid_slave_pos = '" + c.gtidBinlogPos().replace("'", "") + "'");
            }
        } catch (SQLException e) {
            throw MysqlFailure.of("setting the GTID state of the new server in " + process.dataDir(), e);
        }
    }

    private static void startOn(MysqlProcess process, int port) {
        try {
            process.start(port);
        } catch (RuntimeException e) {
            throw new FiredrillException(ErrorCode.INVALID_TARGET, "the restored server could not start on port "
                    + port + ": " + e.getMessage(), "choose a free port", e);
        }
    }

    /** Leaves the server running (registered for {@code Recovery.stop}) when {@code keep}, else stops it. */
    int keepOrStop(boolean keep) {
        if (!keep) {
            process.close();
            return 0;
        }
        RunningServers.register(process);
        return process.port();
    }

    /** Stops the server after a failure. */
    void abandon() {
        process.close();
    }
}
