package io.firedrill.examples.benchmark;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.io.file.PathUtils;

/**
 * Firedrill's MySQL/MariaDB logical backup against mydumper/myloader (Debian's {@code mydumper}) on MariaDB 10.11,
 * same data, same threads, same run: dump time, restore time (a new server initialized and loaded, for both), stored
 * bytes (Firedrill's repository growth against mydumper's output compressed with zstd -3); then two more nights,
 * after 1% of the rows changed in contiguous key ranges (the newest rows: typical of applications) and after 1% of
 * the rows changed scattered uniformly (every chunk touched: the worst case for deduplication), each with a new
 * mydumper + zstd dump to compare. Prints a Markdown table.
 *
 * <p>Arguments: work directory (default {@code /tmp/fd-mysql-bench}), rows of the large table in millions (default
 * 7, about 1.2 GiB of rows), threads (default 4). The source data is generated once and kept for later runs.
 */
public final class MysqlLogicalBenchmark {
    private static final char[] PASSPHRASE = "benchmark passphrase, not a secret".toCharArray();
    private static final String SERVER_OPTIONS = "innodb_buffer_pool_size=2G,innodb_log_file_size=1G";

    private final Path work;
    private final long millions;
    private final int threads;
    private final List<String> rows = new ArrayList<>();

    private MysqlLogicalBenchmark(Path work, long millions, int threads) {
        this.work = work;
        this.millions = millions;
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/fd-mysql-bench");
        long millions = args.length > 1 ? Long.parseLong(args[1]) : 7;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        new MysqlLogicalBenchmark(work, millions, threads).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        MysqlInstallation mariadb = MysqlInstallation.debianMariadb();
        System.setProperty("firedrill.mysql.threads", Integer.toString(threads));
        System.setProperty("firedrill.mysql.serverOptions", SERVER_OPTIONS);
        Path sourceDir = work.resolve("source");
        boolean fresh = !Files.exists(sourceDir.resolve(".generated"));
        if (fresh && Files.exists(sourceDir)) {
            PathUtils.deleteDirectory(sourceDir);
        }
        try (MysqlProcess source = configure(fresh ? MysqlProcess.initialize(mariadb, sourceDir)
                : MysqlProcess.existing(mariadb, sourceDir)).start()) {
            if (fresh) {
                long t = System.nanoTime();
                generate(source);
                Files.writeString(sourceDir.resolve(".generated"), "");
                System.out.printf(Locale.ROOT, "generated the data in %.0f s%n", seconds(t));
            }
            String url = source.jdbcUrl();
            System.out.println("data: " + describe(source));
            Path repo = fresh(work.resolve("repo"));
            Firedrill.configure().repository(repo).passphrase(PASSPHRASE).init(Encryption.passphrase(PASSPHRASE))
                    .close();
            try (Firedrill fd = Firedrill.configure().repository(repo).passphrase(PASSPHRASE).parallelism(threads)
                    .load()) {
                BackupResult first = night(fd, source, url, repo, "night 1 (full)");
                restore(fd, first, mariadb, source);
                change(source, false);
                night(fd, source, url, repo, "night 2 (1% of rows changed, contiguous)");
                change(source, true);
                night(fd, source, url, repo, "night 3 (1% of rows changed, scattered)");
            }
        }
        System.out.println();
        System.out.println("| step | Firedrill | mydumper/myloader (+ zstd -3) | ratio |");
        System.out.println("| --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private BackupResult night(Firedrill fd, MysqlProcess source, String url, Path repo, String name)
            throws Exception {
        long before = RepositoryBenchmark.treeBytes(repo);
        long t = System.nanoTime();
        BackupResult result = fd.backup().database(url).run();
        double fdSeconds = seconds(t);
        long growth = RepositoryBenchmark.treeBytes(repo) - before;

        Path dump = fresh(work.resolve("dump"));
        t = System.nanoTime();
        shell(List.of("mydumper", "-h", "127.0.0.1", "-P", Integer.toString(source.port()), "-u", "root", "-t",
                Integer.toString(threads), "-r", "500000", "--trx-consistency-only", "-B", "bench", "-o",
                dump.toString()));
        double dumpSeconds = seconds(t);
        Path compressed = work.resolve("dump.tar.zst");
        Files.deleteIfExists(compressed);
        t = System.nanoTime();
        shell(List.of("sh", "-c", "tar -C " + dump + " -cf - . | zstd -q -3 -T" + threads + " -o " + compressed));
        double zstdSeconds = seconds(t);
        long zstdBytes = Files.size(compressed);
        rows.add(String.format(Locale.ROOT, "| %s: dump time | %.1f s | %.1f s (+ %.1f s zstd) | %.2f× |", name,
                fdSeconds, dumpSeconds, zstdSeconds, (dumpSeconds + zstdSeconds) / fdSeconds));
        rows.add(String.format(Locale.ROOT, "| %s: stored bytes | %s | %s | %.3f× |", name, mib(growth),
                mib(zstdBytes), (double) growth / zstdBytes));
        System.out.println(rows.get(rows.size() - 2) + "\n" + rows.get(rows.size() - 1));
        return result;
    }

    private void restore(Firedrill fd, BackupResult backup, MysqlInstallation mariadb, MysqlProcess source)
            throws Exception {
        Path fdTarget = fresh(work.resolve("fd-restore"));
        Files.delete(fdTarget);
        System.setProperty("firedrill.mysql.restore.deferIndexes", "false");
        long t = System.nanoTime();
        fd.restore().backup(backup.backup().id()).to(fdTarget).run();
        double keptIndexes = seconds(t);
        PathUtils.deleteDirectory(fdTarget);
        System.clearProperty("firedrill.mysql.restore.deferIndexes");
        t = System.nanoTime();
        fd.restore().backup(backup.backup().id()).to(fdTarget).run();
        double fdSeconds = seconds(t);

        Path dump = work.resolve("dump");
        Path myTarget = fresh(work.resolve("my-restore"));
        Files.delete(myTarget);
        t = System.nanoTime();
        try (MysqlProcess target = configure(MysqlProcess.initialize(mariadb, myTarget)).start()) {
            // the same relaxed durability Firedrill gives the servers it loads
            target.execute("SET GLOBAL innodb_flush_log_at_trx_commit = 0");
            target.execute("SET GLOBAL sync_binlog = 0");
            shell(List.of("myloader", "-h", "127.0.0.1", "-P", Integer.toString(target.port()), "-u", "root", "-t",
                    Integer.toString(threads), "-d", dump.toString()));
            double mySeconds = seconds(t);
            String count = count(target, "SELECT COUNT(*) FROM bench.events");
            if (!count.equals(count(source, "SELECT COUNT(*) FROM bench.events"))) {
                throw new IllegalStateException("myloader restored " + count + " events");
            }
            rows.add(String.format(Locale.ROOT, "| restore into a new server | %.1f s (%.1f s with secondary indexes "
                    + "kept in the CREATE TABLE) | %.1f s | %.2f× |", fdSeconds, keptIndexes, mySeconds,
                    mySeconds / fdSeconds));
            System.out.println(rows.get(rows.size() - 1));
        }
        PathUtils.deleteDirectory(myTarget);
        PathUtils.deleteDirectory(fdTarget);
    }

    private static MysqlProcess configure(MysqlProcess process) {
        for (String option : SERVER_OPTIONS.split(",")) {
            String[] kv = option.split("=", 2);
            process.option(kv[0], kv[1]);
        }
        return process.option("local-infile", "1").startTimeout(java.time.Duration.ofMinutes(5));
    }

    private void generate(MysqlProcess source) throws SQLException {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE gen");
            s.execute("CREATE TABLE gen.digits (d INT PRIMARY KEY)");
            s.execute("INSERT INTO gen.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            s.execute("CREATE DATABASE bench");
            s.execute("CREATE TABLE bench.events (id BIGINT PRIMARY KEY, user_id INT NOT NULL, kind VARCHAR(16), "
                    + "payload VARCHAR(255), created DATETIME NOT NULL, amount DECIMAL(12,2), KEY (user_id), "
                    + "KEY (created))");
            long total = millions * 1_000_000;
            for (long from = 0; from < total; from += 500_000) {
                s.execute("INSERT INTO bench.events SELECT n, n MOD 500000, ELT(1 + n MOD 5, 'view', 'click', "
                        + "'buy', 'share', 'login'), CONCAT(MD5(n), ' ', SUBSTRING(SHA2(n, 256), 1, 40 + n MOD 24), "
                        + "' ', REPEAT('lorem ', n MOD 7)), '2024-01-01' + INTERVAL n SECOND, (n MOD 100000) / 100 "
                        + "FROM (SELECT n + " + from + " AS n FROM (" + numbers(6) + ") x WHERE n < 500000) nums WHERE n < "
                        + total);
            }
            s.execute("CREATE TABLE bench.users (email VARCHAR(80) PRIMARY KEY, name VARCHAR(60), country CHAR(2), "
                    + "created DATE)");
            s.execute("INSERT INTO bench.users SELECT CONCAT('user', n, '@example.', ELT(1 + n MOD 3, 'org', 'com', "
                    + "'net')), CONCAT('Name ', MD5(n)), ELT(1 + n MOD 4, 'NO', 'FR', 'US', 'JP'), '2020-01-01' + "
                    + "INTERVAL n MOD 1500 DAY FROM (" + numbers(6) + ") nums WHERE n < 500000");
            s.execute("CREATE TABLE bench.orders (user_id INT, order_no INT, total DECIMAL(10,2), status VARCHAR(12), "
                    + "note VARCHAR(60), PRIMARY KEY (user_id, order_no))");
            s.execute("INSERT INTO bench.orders SELECT n MOD 400000, n DIV 400000, n MOD 9999 / 3, ELT(1 + n MOD 3, "
                    + "'new', 'paid', 'shipped'), SUBSTRING(MD5(n), 1, 10 + n MOD 20) FROM (" + numbers(7)
                    + ") nums WHERE n < 2000000");
            s.execute("CREATE TABLE bench.audit (at DATETIME, line TEXT)");
            s.execute("INSERT INTO bench.audit SELECT '2024-01-01' + INTERVAL n MINUTE, CONCAT('audit ', MD5(n)) "
                    + "FROM (" + numbers(6) + ") nums WHERE n < 300000");
            s.execute("DROP DATABASE gen");
        }
    }

    /** A derived table of the numbers 0 to 10^digits - 1, column {@code n}. */
    private static String numbers(int digits) {
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder from = new StringBuilder(" FROM ");
        for (int i = 0; i < digits; i++) {
            select.append(i == 0 ? "" : " + ").append("d").append(i).append(".d * ").append((long) Math.pow(10, i));
            from.append(i == 0 ? "" : ", ").append("gen.digits d").append(i);
        }
        return select.append(" AS n").append(from).toString();
    }

    /** About 1% of every table's rows: the newest key range, or scattered over every key. */
    private void change(MysqlProcess source, boolean scattered) throws SQLException {
        try (Connection c = source.connect(); Statement s = c.createStatement()) {
            long events = millions * 1_000_000;
            if (scattered) {
                s.execute("UPDATE bench.events SET amount = amount + 1 WHERE id MOD 100 = 37");
                s.execute("UPDATE bench.orders SET status = 'refunded' WHERE order_no = 2 AND user_id MOD 20 = 3");
                s.execute("UPDATE bench.users SET country = 'SE' WHERE created MOD 100 = 11");
            } else {
                s.execute("UPDATE bench.events SET amount = amount + 1 WHERE id >= " + (events - events / 100));
                s.execute("UPDATE bench.orders SET status = 'refunded' WHERE user_id BETWEEN 1000 AND 4999");
                s.execute("UPDATE bench.users SET country = 'SE' WHERE email BETWEEN 'user1000' AND 'user1049'");
            }
        }
    }

    private static String describe(MysqlProcess source) throws SQLException {
        return count(source, "SELECT CONCAT(SUM(TABLE_ROWS), ' rows (estimated), ', ROUND(SUM(DATA_LENGTH + "
                + "INDEX_LENGTH) / 1048576), ' MiB in InnoDB') FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "'bench'");
    }

    private static String count(MysqlProcess server, String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void shell(List<String> command) throws IOException, InterruptedException {
        File log = File.createTempFile("bench", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log.toPath()));
        }
        Files.delete(log.toPath());
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            PathUtils.deleteDirectory(dir);
        }
        return Files.createDirectories(dir);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
