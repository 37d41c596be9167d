package io.firedrill.examples.benchmark;

import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.replay.BinlogReplay;
import io.firedrill.mysql.replay.BinlogWindow;
import io.firedrill.mysql.replay.Coordinates;
import io.firedrill.mysql.replay.ReplayOptions;
import io.firedrill.mysql.replay.ReplayReport;
import io.firedrill.mysql.replay.TargetResolver;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Binlog replay speed on MariaDB 10.11 (Debian): Firedrill's relay-log replay against {@code mariadb-binlog <files> |
 * mariadb}, on the same binlogs, into two identical restored servers, in the same run.
 *
 * <ol>
 *   <li>A source server gets {@code TABLES} tables of {@code 20 000} rows, then is stopped and its data directory
 *       copied: that copy is the "restored backup", and the source's binlog position then is the start
 *       coordinate.</li>
 *   <li>The source is restarted and two client threads run sysbench-like transactions (insert 4 rows, two updates
 *       by primary key, one delete) until the binlogs reach {@code --binlog-mib} MiB (default 256).</li>
 *   <li>Two copies of the restored data directory are started with the same options. Into one, Firedrill replays
 *       everything ({@code RecoveryTarget.latest()}); into the other, {@code mariadb-binlog --start-position=<pos>
 *       --disable-log-bin <files> | mariadb}. Both are timed end to end; then the tables' {@code CHECKSUM TABLE}s
 *       are compared with the source's.</li>
 * </ol>
 * Arguments: {@code [--binlog-mib N] [--work-dir DIR]}.
 */
public final class BinlogReplayBenchmark {
    private static final int TABLES = 4;
    private static final int INITIAL_ROWS = 20_000;

    private BinlogReplayBenchmark() {
    }

    /** Runs the benchmark and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        long binlogMib = 256;
        boolean mysql = false;
        Path work = Path.of("/tmp/firedrill-binlog-bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--binlog-mib" -> binlogMib = Long.parseLong(args[++i]);
                case "--work-dir" -> work = Path.of(args[++i]);
                case "--mysql" -> mysql = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --binlog-mib N, --work-dir DIR, --mysql");
            }
        }
        if (Files.exists(work)) {
            PathUtils.deleteDirectory(work);
        }
        Files.createDirectories(work);
        MysqlInstallation mariadb = mysql ? MysqlInstallation.mysqlFromMavenCentral()
                : MysqlInstallation.debianMariadb();
        Path sourceDir = work.resolve("source");
        Coordinates start;
        List<Path> binlogs = new ArrayList<>();
        List<String> sourceChecksums;
        long txns;
        double generateSeconds;
        try (MysqlProcess source = MysqlProcess.initialize(mariadb, sourceDir)) {
            tuneForLoad(source);
            source.start();
            createTables(source);
            source.execute("flush binary logs");
            start = coordinates(source, mysql);
            source.stop();
            copyTree(sourceDir, work.resolve("restored"));
            source.start();
            long t0 = System.nanoTime();
            txns = load(source, binlogMib * 1024 * 1024);
            generateSeconds = (System.nanoTime() - t0) / 1e9;
            sourceChecksums = checksums(source);
            for (String line : Files.readAllLines(sourceDir.resolve("binlog.index"))) {
                Path file = sourceDir.resolve(Path.of(line.strip()).getFileName());
                Path copy = Files.createDirectories(work.resolve("archive")).resolve(file.getFileName());
                binlogs.add(Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING));
            }
        }
        BinlogWindow window = BinlogWindow.scan(binlogs, start);
        long bytes = 0;
        for (var f : window.files()) {
            bytes += Files.size(f.path());
        }
        bytes -= start.position();

        if (mysql) {
            compareWorkers(mariadb, work, binlogs, start, bytes, txns, sourceChecksums);
            PathUtils.deleteDirectory(work);
            return;
        }
        double firedrillSeconds;
        ReplayReport report;
        List<String> firedrillChecksums;
        copyTree(work.resolve("restored"), work.resolve("firedrill"));
        copyTree(work.resolve("restored"), work.resolve("peer"));
        try (MysqlProcess target = restored(mariadb, work.resolve("firedrill"))) {
            dropCachesIfPossible();
            long t0 = System.nanoTime();
            BinlogWindow w = BinlogWindow.scan(binlogs, start);
            report = BinlogReplay.replay(target, w, TargetResolver.resolve(w, RecoveryTarget.latest()),
                    ProgressListener.NONE, ReplayOptions.defaults());
            firedrillSeconds = (System.nanoTime() - t0) / 1e9;
            firedrillChecksums = checksums(target);
        }
        String files = window.files().stream().map(f -> f.path().toString()).reduce("", (a, b) -> a + " " + b);
        double peerSeconds = peer(mariadb, work.resolve("peer"), start, files, false);
        List<String> peerChecksums = lastChecksums;
        copyTree(work.resolve("restored"), work.resolve("peer-relaxed"));
        double relaxedSeconds = peer(mariadb, work.resolve("peer-relaxed"), start, files, true);
        boolean same = sourceChecksums.equals(firedrillChecksums) && sourceChecksums.equals(peerChecksums)
                && sourceChecksums.equals(lastChecksums);
        System.out.println();
        System.out.println("Machine: " + Shell.output("nproc") + " CPUs (" + Shell.output(
                "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2") + "), " + Shell.output(
                "free -g | awk '/Mem:/ {print $2}'") + " GiB RAM; " + mariadb);
        System.out.println(String.format(Locale.ROOT, "Data: %d transactions in %d binlog files, %.1f MiB of binlog "
                + "after the start coordinate %s (generated in %.1f s); table checksums equal to the source's: %s",
                txns, window.files().size(), bytes / 1048576.0, start, generateSeconds, same));
        System.out.println();
        System.out.println("| method | seconds | MiB/s | transactions/s |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.println(row("Firedrill (relay logs, server applier)", firedrillSeconds, bytes, txns));
        System.out.println(row("mariadb-binlog \\| mariadb", peerSeconds, bytes, txns));
        System.out.println(row("mariadb-binlog \\| mariadb, same relaxed flushing as Firedrill", relaxedSeconds, bytes,
                txns));
        System.out.println(String.format(Locale.ROOT, "%nFiredrill is %.2f× as fast as the pipe (%.2f× as fast as the "
                + "pipe into a server flushing like Firedrill's); %d transactions applied, %d parallel workers",
                peerSeconds / firedrillSeconds, relaxedSeconds / firedrillSeconds, report.transactionsApplied(),
                report.parallelWorkers()));
        if (!same) {
            throw new IllegalStateException("a replayed server differs from the source: source " + sourceChecksums
                    + ", Firedrill " + firedrillChecksums + ", peer " + peerChecksums + ", relaxed peer " + lastChecksums);
        }
        PathUtils.deleteDirectory(work);
    }

    private static List<String> lastChecksums;

    /** MySQL 8.0: Firedrill's replay single-threaded against 4 workers (no mysqlbinlog ships with these binaries). */
    private static void compareWorkers(MysqlInstallation mysql, Path work, List<Path> binlogs, Coordinates start,
            long bytes, long txns, List<String> sourceChecksums) throws Exception {
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "Machine: %s CPUs, %s; %d transactions, %.1f MiB of binlog after "
                + "%s", Shell.output("nproc"), mysql, txns, bytes / 1048576.0, start));
        System.out.println("| applier workers | seconds | MiB/s | transactions/s | checksums equal |");
        System.out.println("| ---: | ---: | ---: | ---: | --- |");
        for (int workers : new int[] {0, 4}) {
            Path dir = work.resolve("workers-" + workers);
            copyTree(work.resolve("restored"), dir);
            Files.deleteIfExists(dir.resolve("auto.cnf"));
            try (MysqlProcess target = restored(mysql, dir)) {
                dropCachesIfPossible();
                long t0 = System.nanoTime();
                BinlogWindow w = BinlogWindow.scan(binlogs, start);
                BinlogReplay.replay(target, w, TargetResolver.resolve(w, RecoveryTarget.latest()), ProgressListener.NONE,
                        ReplayOptions.defaults().withParallelWorkers(workers));
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.println(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.0f | %s |", workers, seconds,
                        bytes / 1048576.0 / seconds, txns / seconds, sourceChecksums.equals(checksums(target))));
            }
        }
    }

    /** Times {@code mariadb-binlog | mariadb} into a copy of the restored server; keeps its checksums. */
    private static double peer(MysqlInstallation mariadb, Path dir, Coordinates start, String files, boolean relaxed)
            throws Exception {
        try (MysqlProcess target = restored(mariadb, dir)) {
            if (relaxed) {
                target.execute("set global innodb_flush_log_at_trx_commit = 2");
                target.execute("set global sync_binlog = 0");
            }
            String command = "mariadb-binlog --start-position=" + start.position() + " --disable-log-bin" + files
                    + " | mariadb --socket=" + target.socket() + " -uroot";
            dropCachesIfPossible();
            long t0 = System.nanoTime();
            Shell.run(command);
            double seconds = (System.nanoTime() - t0) / 1e9;
            lastChecksums = checksums(target);
            System.out.println("peer command: " + command.replace(dir.getParent().toString(), "WORK"));
            return seconds;
        }
    }

    private static String row(String name, double seconds, long bytes, long txns) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f |", name, seconds, bytes / 1048576.0 / seconds,
                txns / seconds);
    }

    /** The source writes fast (the figure is about replay, not about generating the binlogs). */
    private static void tuneForLoad(MysqlProcess server) {
        server.option("innodb-flush-log-at-trx-commit", "2").option("sync-binlog", "0")
                .option("innodb-buffer-pool-size", "512M").option("max-binlog-size", "64M");
        if (server.installation().flavor() == io.firedrill.mysql.server.MysqlFlavor.MYSQL) {
            // Lets the source mark transactions touching different rows as independent, so a replica may apply them
            // in parallel (MySQL's default, COMMIT_ORDER, only marks those that committed together).
            server.option("binlog-transaction-dependency-tracking", "WRITESET");
        }
    }

    /** Both restored servers run with the same options: MariaDB's defaults plus a 512 MiB buffer pool. */
    private static MysqlProcess restored(MysqlInstallation mariadb, Path dir) {
        return MysqlProcess.existing(mariadb, dir).option("server-id", "2").option("innodb-buffer-pool-size", "512M")
                .start();
    }

    private static void createTables(MysqlProcess server) throws SQLException {
        server.execute("create database bench");
        SplittableRandom random = new SplittableRandom(20261121);
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (int t = 1; t <= TABLES; t++) {
                s.execute("create table bench.sbtest" + t + " (id int auto_increment primary key, k int not null, "
                        + "c char(120) not null, pad char(60) not null, key k_" + t + " (k))");
                for (int done = 0; done < INITIAL_ROWS; done += 1000) {
                    s.execute("insert into bench.sbtest" + t + " (k, c, pad) values " + rows(random, 1000));
                }
            }
        }
    }

    private static long load(MysqlProcess server, long binlogBytes) throws Exception {
        AtomicLong txns = new AtomicLong();
        Path dir = server.dataDir();
        long baseline = binlogSize(dir);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(worker);
                try (Connection c = server.connect(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    while (binlogSize(dir) - baseline < binlogBytes) {
                        for (int i = 0; i < 100; i++) {
                            String table = "bench.sbtest" + (1 + random.nextInt(TABLES));
                            s.execute("insert into " + table + " (k, c, pad) values " + rows(random, 4));
                            s.execute("update " + table + " set k = k + 1 where id = " + (1 + random.nextInt(INITIAL_ROWS)));
                            s.execute("update " + table + " set c = '" + text(random, 120) + "' where id = "
                                    + (1 + random.nextInt(INITIAL_ROWS)));
                            s.execute("delete from " + table + " where id = " + (1 + random.nextInt(INITIAL_ROWS * 4)));
                            c.commit();
                            txns.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return txns.get();
    }

    private static long binlogSize(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("binlog\\.[0-9]+")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (java.io.IOException e) {
                    return 0;
                }
            }).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String rows(SplittableRandom random, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('(').append(random.nextInt(1_000_000)).append(",'")
                    .append(text(random, 120)).append("','").append(text(random, 60)).append("')");
        }
        return b.toString();
    }

    private static String text(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = i % 12 == 11 ? '-' : (char) ('0' + random.nextInt(10));
        }
        return new String(chars);
    }

    private static Coordinates coordinates(MysqlProcess server, boolean mysql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            String file;
            long position;
            try (ResultSet r = s.executeQuery("show master status")) {
                r.next();
                file = r.getString(1);
                position = r.getLong(2);
            }
            try (ResultSet r = s.executeQuery(mysql ? "select @@gtid_executed" : "select @@gtid_binlog_pos")) {
                r.next();
                return new Coordinates(file, position, r.getString(1));
            }
        }
    }

    private static List<String> checksums(MysqlProcess server) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (int t = 1; t <= TABLES; t++) {
                try (ResultSet r = s.executeQuery("checksum table bench.sbtest" + t)) {
                    r.next();
                    out.add(r.getString(2));
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void dropCachesIfPossible() throws Exception {
        if (Shell.canDropCaches()) {
            Shell.dropCaches();
        }
    }
}
