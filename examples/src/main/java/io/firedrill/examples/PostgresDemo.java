package io.firedrill.examples;

import io.firedrill.api.BackupResult;
import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.RestoreResult;
import io.firedrill.postgres.server.InitOptions;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.io.file.PathUtils;

/**
 * The README's demo, seed 002's fire drill on a real PostgreSQL (binaries from Maven Central): create data, take
 * a backup, stream WAL into the repository, let a workload write, drop a table by accident, keep writing, then
 * recover to just before the accident into a new directory and check the table is back and the primary
 * untouched, printing every step and its duration.
 */
public final class PostgresDemo {
    private PostgresDemo() {
    }

    /** Runs the demo. Optional argument: a work directory to keep (default: a temporary one, deleted after). */
    public static void main(String[] args) throws Exception {
        boolean keep = args.length > 0;
        Path work = keep ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("firedrill-pg-demo-");
        // The server runs as an unprivileged user when this JVM is root; it must be able to reach the directory.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        char[] passphrase = "correct horse battery staple".toCharArray();
        PostgresInstallation binaries = step("unpack PostgreSQL from Maven Central", PostgresInstallation::fromMavenCentral);
        System.out.println("    " + binaries.version());
        try (PostgresProcess primary = step("start a primary", () -> PostgresProcess.initialize(binaries,
                work.resolve("primary"), InitOptions.defaults().withSettings(Map.of("wal_keep_size", "1GB"))).start());
             Firedrill firedrill = step("create an encrypted repository", () -> Firedrill.configure()
                     .repository(work.resolve("repository")).passphrase(passphrase)
                     .init(Encryption.passphrase(passphrase)));
             LogArchiver archiver = step("stream WAL into the repository (replication slot)", () ->
                     firedrill.archiveLogs().from(primary.jdbcUrl("postgres")).start())) {

            step("create data: 10,000 customers, an orders table", () -> {
                sql(primary, "create table customers (id int primary key, name text, balance numeric)");
                sql(primary, "insert into customers select g, 'customer ' || g, g * 10 from generate_series(1, 10000) g");
                sql(primary, "create table orders (id bigserial primary key, customer int, at timestamptz default clock_timestamp())");
                return null;
            });
            BackupResult backup = step("hot physical backup", () ->
                    firedrill.backup().database(primary.jdbcUrl("postgres")).run());
            System.out.printf("    %s: %s to %s, %.1f MiB stored%n", backup.backup().id(),
                    backup.backup().metadata().get("startLsn"), backup.backup().metadata().get("stopLsn"),
                    backup.backup().stats().storedBytes() / 1048576.0);

            AtomicBoolean writing = new AtomicBoolean(true);
            Thread workload = new Thread(() -> writeOrders(primary, writing), "workload");
            workload.start();
            Thread.sleep(1500);
            String customersAtT = step("the state just before the accident", () ->
                    one(primary, "select count(*) || ' customers, balance ' || sum(balance) from customers"));
            Instant accident = Instant.parse(one(primary,
                    "select to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));
            step("the accident: DROP TABLE customers at " + accident, () -> {
                sql(primary, "drop table customers");
                return null;
            });
            Thread.sleep(1500);
            writing.set(false);
            workload.join();
            step("wait until the WAL after the accident is archived", () -> {
                sql(primary, "select pg_switch_wal()");
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                String current = one(primary, "select pg_current_wal_lsn()");
                while (System.nanoTime() < deadline && lagBehind(archiver, current)) {
                    Thread.sleep(100);
                }
                System.out.println("    archived up to " + archiver.status().lastArchivedPosition() + ", lag "
                        + archiver.status().lagBytes() + " bytes");
                return null;
            });

            int port = freePort();
            Path recovered = work.resolve("recovered");
            RestoreResult result = step("point-in-time recovery to just before the accident, into a new directory",
                    () -> firedrill.restore().backup(backup.backup().id()).to(recovered)
                            .recover(RecoveryTarget.time(accident)).startServer(port).run());
            System.out.printf("    %d files restored; replay took %d ms; %s%n", result.files(),
                    result.recovery().orElseThrow().replay().toMillis(), result.recovery().orElseThrow().reached());
            try (PostgresProcess copy = PostgresProcess.existing(binaries, recovered)) {
                String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
                String back = step("check the recovered server", () ->
                        one(url, "select count(*) || ' customers, balance ' || sum(balance) from customers"));
                String late = one(url, "select count(*) from orders where at > '" + accident + "'");
                String primaryState = one(primary, "select count(*) from pg_tables where tablename = 'customers'");
                System.out.println("    recovered: " + back + " (before the accident: " + customersAtT + ")");
                System.out.println("    orders written after the accident in the copy: " + late
                        + "; customers table on the primary: " + (primaryState.equals("0") ? "still dropped (untouched)" : "?"));
                if (!back.equals(customersAtT) || !late.equals("0")) {
                    throw new IllegalStateException("the recovered data does not match the state before the accident");
                }
                copy.stop();
            }
            System.out.println("\nDone: the table is back as it was just before the accident; export it with "
                    + "pg_dump -t customers from the recovered server, import it into the primary.");
        } finally {
            Arrays.fill(passphrase, '\0');
            if (!keep) {
                PathUtils.deleteDirectory(work);
            }
        }
    }

    private static boolean lagBehind(LogArchiver archiver, String current) {
        String archived = archiver.status().lastArchivedPosition();
        return archived == null || compare(archived, current) < 0;
    }

    private static int compare(String a, String b) {
        return Long.compareUnsigned(lsn(a), lsn(b));
    }

    private static long lsn(String text) {
        String[] parts = text.split("/");
        return Long.parseLong(parts[0], 16) << 32 | Long.parseLong(parts[1], 16);
    }

    private static void writeOrders(PostgresProcess primary, AtomicBoolean writing) {
        try (Connection c = primary.connect("postgres"); Statement s = c.createStatement()) {
            int n = 0;
            while (writing.get()) {
                s.execute("insert into orders (customer) values (" + (1 + n++ % 10000) + ")");
                Thread.sleep(2);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("the workload failed", e);
        }
    }

    private static <T> T step(String what, Callable<T> action) throws Exception {
        System.out.printf("%n> %s%n", what);
        long start = System.nanoTime();
        T result = action.call();
        System.out.printf("    done in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
        return result;
    }

    private static void sql(PostgresProcess server, String sql) {
        server.execute(sql);
    }

    private static String one(PostgresProcess server, String sql) throws SQLException {
        try (Connection c = server.connect("postgres")) {
            return one(c, sql);
        }
    }

    private static String one(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return one(c, sql);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
