package io.firedrill.examples.benchmark;

import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.mysql.protocol.ConnectionSettings;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import io.firedrill.mysql.stream.BinlogStreamSettings;
import io.firedrill.mysql.stream.BinlogStreamer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.io.file.PathUtils;

/**
 * Binlog streaming lag under a write load: a MariaDB 10.11 server (Debian's), Firedrill's binlog streamer into a
 * local encrypted repository, {@code threads} clients inserting small rows in autocommit transactions for
 * {@code seconds}, and the streamer's {@link LogArchiverStatus} sampled every 100 ms. Lag is measured against what
 * is durable in the repository (complete files and the persisted {@code .partial} of the open one). Prints the
 * transaction rate and the median, 99th percentile and maximum lag in bytes and seconds. Arguments: [seconds
 * (default 60)] [threads (default 2)].
 */
public final class BinlogLagBenchmark {
    private BinlogLagBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path work = Files.createTempDirectory("firedrill-binlog-lag-");
        char[] pass = "benchmark passphrase".toCharArray();
        try (MysqlProcess server = MysqlProcess.initialize(MysqlInstallation.debianMariadb(), work.resolve("data"))
                .start();
                Firedrill firedrill = Firedrill.configure().repository(work.resolve("repo")).passphrase(pass)
                        .init(Encryption.passphrase(pass))) {
            server.execute("CREATE USER 'repl'@'%' IDENTIFIED BY 'bench-repl'");
            server.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'%'");
            server.execute("CREATE DATABASE bench");
            server.execute("CREATE TABLE bench.events (id BIGINT AUTO_INCREMENT PRIMARY KEY, at TIMESTAMP(6) "
                    + "DEFAULT CURRENT_TIMESTAMP(6), payload VARCHAR(200))");
            EngineContext context = new EngineContext(firedrill.logs(), new ProgressListener() { }, Clock.systemUTC());
            try (BinlogStreamer streamer = BinlogStreamer.start(ConnectionSettings.of("127.0.0.1", server.port(),
                    "repl", "bench-repl"), context, BinlogStreamSettings.fromSystemProperties())) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (System.nanoTime() < deadline && streamer.status().lagBytes() != 0) {
                    Thread.sleep(100);
                }
                AtomicLong transactions = new AtomicLong();
                List<Thread> clients = new ArrayList<>();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                for (int t = 0; t < threads; t++) {
                    Thread client = new Thread(() -> insertUntil(server, end, transactions), "client-" + t);
                    client.start();
                    clients.add(client);
                }
                List<Long> lagBytes = Collections.synchronizedList(new ArrayList<>());
                List<Double> lagSeconds = Collections.synchronizedList(new ArrayList<>());
                while (System.nanoTime() < end) {
                    LogArchiverStatus status = streamer.status();
                    if (status.lagBytes() >= 0) {
                        lagBytes.add(status.lagBytes());
                    }
                    if (status.lagSeconds() >= 0) {
                        lagSeconds.add(status.lagSeconds());
                    }
                    Thread.sleep(100);
                }
                for (Thread client : clients) {
                    client.join();
                }
                LogArchiverStatus last = streamer.status();
                System.out.println(String.format(Locale.ROOT, "%d transactions in %d s by %d clients: %.0f TPS; "
                        + "archived up to %s, gaps %s", transactions.get(), seconds, threads,
                        transactions.get() / (double) seconds, last.lastArchivedPosition(), streamer.gaps()));
                System.out.println(String.format(Locale.ROOT,
                        "| samples | lag bytes median | p99 | max | lag seconds median | p99 | max |%n"
                                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n"
                                + "| %d | %d | %d | %d | %.3f | %.3f | %.3f |",
                        lagBytes.size(), Percentiles.of(lagBytes, 50, -1L), Percentiles.of(lagBytes, 99, -1L),
                        Percentiles.of(lagBytes, 100, -1L), Percentiles.of(lagSeconds, 50, -1.0),
                        Percentiles.of(lagSeconds, 99, -1.0), Percentiles.of(lagSeconds, 100, -1.0)));
            }
        } finally {
            PathUtils.deleteDirectory(work);
        }
    }

    private static void insertUntil(MysqlProcess server, long end, AtomicLong transactions) {
        try (Connection c = server.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO bench.events (payload) VALUES (?)")) {
            long n = 0;
            while (System.nanoTime() < end) {
                insert.setString(1, "event " + n++ + " of " + Thread.currentThread().getName());
                insert.executeUpdate();
                transactions.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the load failed: " + e.getMessage(), e);
        }
    }
}
