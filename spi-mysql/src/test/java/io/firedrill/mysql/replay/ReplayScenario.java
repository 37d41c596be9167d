package io.firedrill.mysql.replay;

import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A source server with a history, a "restored" copy of its state at a noted coordinate, and the source's binlog
 * files: phase A writes orders 4–10 (with a binlog rotation in the middle), phase B writes to another table, then
 * {@code shop.orders} is dropped and writes go on (phase C) across another rotation.
 */
final class ReplayScenario {
    static final List<String> INITIAL = List.of(
            "create database shop",
            "create table shop.orders (id int primary key, note varchar(50))",
            "create table shop.keep (id int primary key, note varchar(50))",
            "insert into shop.orders values (1, 'a'), (2, 'b'), (3, 'c')");

    final MysqlInstallation installation;
    final Path root;
    final Coordinates start;
    final Path template;
    final List<Path> binlogs = new ArrayList<>();
    /** The GTID of the transaction inserting order 8. */
    String gtidOfOrder8;
    /** SHOW MASTER STATUS just after order 9 was inserted. */
    String fileAfterOrder9;
    long positionAfterOrder9;
    /** A second after which phase A had committed and phase B had not started. */
    final Instant endOfPhaseA;
    final Instant beforeBackup;

    ReplayScenario(MysqlInstallation installation, Path root) throws IOException {
        this.installation = installation;
        this.root = root;
        beforeBackup = Instant.now();
        try (MysqlProcess source = MysqlProcess.initialize(installation, root.resolve("source")).start()) {
            INITIAL.forEach(source::execute);
            start = coordinates(source);
            template = restoredTemplate(start);
            for (int i = 4; i <= 10; i++) {
                source.execute("insert into shop.orders values (" + i + ", 'order " + i + "')");
                if (i == 6) {
                    source.execute("flush binary logs");
                }
                if (i == 8) {
                    gtidOfOrder8 = lastGtid(source);
                }
                if (i == 9) {
                    List<String> status = row(source, "show master status");
                    fileAfterOrder9 = status.get(0);
                    positionAfterOrder9 = Long.parseLong(status.get(1));
                }
            }
            source.execute("update shop.orders set note = 'changed' where id = 2");
            endOfPhaseA = Instant.ofEpochSecond(Long.parseLong(row(source, "select unix_timestamp()").get(0)));
            waitForSecondAfter(endOfPhaseA);
            for (int i = 1; i <= 3; i++) {
                source.execute("insert into shop.keep values (" + i + ", 'kept " + i + "')");
            }
            try (Connection c = source.connect(); Statement s = c.createStatement()) {
                s.execute("use shop");
                s.execute("DROP TABLE IF EXISTS `orders`, ghost");
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            source.execute("insert into shop.keep values (4, 'after the drop')");
            source.execute("flush binary logs");
            source.execute("create table shop.orders2 (id int primary key)");
            source.execute("insert into shop.keep values (5, 'later still')");
            Path archive = Files.createDirectories(root.resolve("archive"));
            for (String line : Files.readAllLines(source.dataDir().resolve("binlog.index"))) {
                Path file = source.dataDir().resolve(Path.of(line.strip()).getFileName());
                binlogs.add(Files.copy(file, archive.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
        }
    }

    private Coordinates coordinates(MysqlProcess source) {
        List<String> status = row(source, "show master status");
        String gtids = installation.flavor() == MysqlFlavor.MYSQL ? row(source, "select @@gtid_executed").get(0)
                : row(source, "select @@gtid_binlog_pos").get(0);
        return new Coordinates(status.get(0), Long.parseLong(status.get(1)), gtids);
    }

    /** A second server loaded with the same initial state and the snapshot's GTIDs, stopped, to copy per test. */
    private Path restoredTemplate(Coordinates start) {
        Path dir = root.resolve("template");
        try (MysqlProcess restored = MysqlProcess.initialize(installation, dir).start()) {
            INITIAL.forEach(restored::execute);
            restored.execute("reset master");
            if (installation.flavor() == MysqlFlavor.MYSQL) {
                restored.execute("set global gtid_purged = '" + start.gtidSet() + "'");
            } else {
                restored.execute("set global gtid_slave_pos = '" + start.gtidSet() + "'");
            }
            restored.stop();
        }
        return dir;
    }

    /** A fresh copy of the restored state, started (server id 1, the same as the source's). */
    MysqlProcess restored(String name) {
        Path dir = root.resolve(name);
        try (Stream<Path> all = Files.walk(template)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = dir.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".pid") && !p.getFileName().toString().endsWith(".sock")) {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return MysqlProcess.existing(installation, dir).start();
    }

    private String lastGtid(MysqlProcess source) {
        if (installation.flavor() == MysqlFlavor.MARIADB) {
            return row(source, "select @@gtid_binlog_pos").get(0);
        }
        String executed = row(source, "select @@gtid_executed").get(0).strip();
        String uuid = executed.substring(0, executed.indexOf(':'));
        String last = executed.substring(executed.lastIndexOf('-') + 1);
        return uuid + ":" + last;
    }

    private static void waitForSecondAfter(Instant second) {
        while (Instant.now().getEpochSecond() <= second.getEpochSecond()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static List<String> row(MysqlProcess server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    out.add(rows.getString(i));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed: " + e.getMessage(), e);
        }
    }

    static List<String> column(MysqlProcess server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed: " + e.getMessage(), e);
        }
    }
}
