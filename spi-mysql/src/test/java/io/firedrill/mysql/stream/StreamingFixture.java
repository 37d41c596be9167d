package io.firedrill.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.Encryption;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.Operation;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.EngineContext;
import io.firedrill.api.spi.LogStore;
import io.firedrill.mysql.protocol.ConnectionSettings;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A throw-away server with a replication user, and an in-memory repository to archive its binlogs into. */
final class StreamingFixture implements AutoCloseable {
    static final String USER = "firedrill_repl";
    static final String PASSWORD = "s3cret-Repl";
    private static final char[] PASSPHRASE = "binlog streaming test".toCharArray();

    final MysqlProcess server;

    private StreamingFixture(MysqlProcess server) {
        this.server = server;
    }

    /** Initializes and starts a server with small binlog files and a replication user. */
    static StreamingFixture start(MysqlInstallation installation, Path dir) {
        MysqlProcess server = MysqlProcess.initialize(installation, dir.resolve("data"))
                .option("max_binlog_size", "65536");
        server.start();
        server.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        server.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + USER + "'@'%'");
        server.execute("CREATE DATABASE drill");
        server.execute("CREATE TABLE drill.t (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(300))");
        return new StreamingFixture(server);
    }

    /** The replication user's connection settings. */
    ConnectionSettings replication() {
        return ConnectionSettings.of("127.0.0.1", server.port(), USER, PASSWORD);
    }

    /** A new in-memory repository. */
    static Firedrill repository() {
        return Firedrill.configure().repository("mem:binlog-" + UUID.randomUUID()).passphrase(PASSPHRASE)
                .init(Encryption.passphrase(PASSPHRASE).withKdf(new Encryption.KdfStrength(64, 1, 1)));
    }

    /** Fast settings for tests: heartbeats every second, partial files every 200 ms, quick reconnects. */
    static BinlogStreamSettings fastSettings() {
        return BinlogStreamSettings.defaults().withTimings(Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** A listener that keeps every failure reported. */
    static final class Failures implements ProgressListener {
        final List<FiredrillException> seen = new CopyOnWriteArrayList<>();

        @Override
        public void failed(Operation operation, FiredrillException failure) {
            seen.add(failure);
        }
    }

    static EngineContext context(LogStore logs, ProgressListener listener) {
        return new EngineContext(logs, listener, Clock.systemUTC());
    }

    void sql(String sql) {
        server.execute(sql);
    }

    String query(String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    /** The server's binlog files in order (from its binlog index file). */
    List<String> binlogFiles() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(server.dataDir().resolve("binlog.index"))) {
            if (!line.isBlank()) {
                names.add(Path.of(line.strip()).getFileName().toString());
            }
        }
        return names;
    }

    Path binlog(String name) {
        return server.dataDir().resolve(name);
    }

    static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
