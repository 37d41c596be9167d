package io.firedrill.examples.benchmark;

import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.LogArchiver;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.postgres.server.InitOptions;
import io.firedrill.postgres.server.OsUser;
import io.firedrill.postgres.server.PostgresInstallation;
import io.firedrill.postgres.server.PostgresProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * WAL streaming lag under a pgbench load: a PostgreSQL 15 cluster (Debian), Firedrill's streaming archiver into a
 * local encrypted repository (caught up first), {@code pgbench -c 4 -j 2 -T <seconds>} writing, and the archiver's
 * {@link LogArchiverStatus} sampled every 100 ms. Prints the median, 99th percentile and maximum lag in bytes and
 * seconds. Arguments: [seconds (default 60)] [pgbench scale (default 20)].
 */
public final class WalLagBenchmark {
    private WalLagBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int scale = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("firedrill-wal-lag-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        char[] pass = "benchmark passphrase".toCharArray();
        PostgresInstallation pg = PostgresInstallation.debian(15);
        try (PostgresProcess server = PostgresProcess.initialize(pg, work.resolve("data"),
                InitOptions.defaults().withSettings(Map.of("max_wal_size", "1GB"))).start();
             Firedrill firedrill = Firedrill.configure().repository(work.resolve("repo")).passphrase(pass)
                     .init(Encryption.passphrase(pass))) {
            run(server, pg, List.of("pgbench", "-i", "-q", "-s", Integer.toString(scale), "postgres"));
            try (LogArchiver archiver = firedrill.archiveLogs().from(server.jdbcUrl("postgres")).start()) {
                // First let the archiver catch up with the WAL of pgbench's initialisation: the figure is the lag
                // of steady streaming under load, not of a backlog.
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (System.nanoTime() < deadline && !(archiver.status().lagBytes() >= 0
                        && archiver.status().lagBytes() < 1024 * 1024)) {
                    Thread.sleep(100);
                }
                List<Long> lagBytes = Collections.synchronizedList(new ArrayList<>());
                List<Double> lagSeconds = Collections.synchronizedList(new ArrayList<>());
                Process load = start(server, pg, List.of("pgbench", "-c", "4", "-j", "2", "-T", Integer.toString(seconds),
                        "-n", "postgres"));
                while (load.isAlive()) {
                    LogArchiverStatus status = archiver.status();
                    if (status.lagBytes() >= 0) {
                        lagBytes.add(status.lagBytes());
                    }
                    if (status.lagSeconds() >= 0) {
                        lagSeconds.add(status.lagSeconds());
                    }
                    Thread.sleep(100);
                }
                String pgbench = new String(load.getInputStream().readAllBytes());
                System.out.println(pgbench.lines().filter(l -> l.startsWith("tps") || l.contains("transactions actually"))
                        .reduce("", (a, b) -> a + b + "\n"));
                System.out.println(String.format(Locale.ROOT,
                        "| samples | lag bytes median | p99 | max | lag seconds median | p99 | max |%n"
                                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n| %d | %d | %d | %d | %.3f | %.3f | %.3f |",
                        lagBytes.size(), pct(lagBytes, 50), pct(lagBytes, 99), pct(lagBytes, 100),
                        pctD(lagSeconds, 50), pctD(lagSeconds, 99), pctD(lagSeconds, 100)));
            }
        } finally {
            PathUtils.deleteDirectory(work);
        }
    }

    private static void run(PostgresProcess server, PostgresInstallation pg, List<String> command) throws Exception {
        Process p = start(server, pg, command);
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
    }

    private static Process start(PostgresProcess server, PostgresInstallation pg, List<String> command) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.set(0, pg.bin(command.get(0)).toString());
        full.addAll(1, List.of("-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "postgres"));
        return new ProcessBuilder(OsUser.current().command(full)).redirectErrorStream(true).start();
    }

    private static long pct(List<Long> values, int p) {
        return Percentiles.of(values, p, -1L);
    }

    private static double pctD(List<Double> values, int p) {
        return Percentiles.of(values, p, -1.0);
    }
}
