package io.firedrill.mysql.stream;

import static io.firedrill.mysql.stream.StreamingFixture.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.Firedrill;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.LogArchiverStatus;
import io.firedrill.api.spi.LogStore;
import io.firedrill.mysql.binlog.BinlogEventHeader;
import io.firedrill.mysql.binlog.BinlogFileReader;
import io.firedrill.mysql.binlog.BinlogIndex;
import io.firedrill.mysql.binlog.BinlogNames;
import io.firedrill.mysql.protocol.ConnectionSettings;
import io.firedrill.mysql.server.MysqlInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binlog streaming against one real server (the subclass picks MySQL or MariaDB): archived files are byte for byte
 * the server's own through a killed connection and a server restart, partial files follow writes within about a
 * second, purged binlogs are reported as a gap, and misconfigurations fail at once with clear errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BinlogStreamerContract {
    @TempDir
    Path tmp;

    private StreamingFixture fixture;

    abstract MysqlInstallation installation();

    /** The stream name prefix of this flavor. */
    abstract String streamPrefix();

    @BeforeAll
    void startServer(@TempDir Path dir) {
        fixture = StreamingFixture.start(installation(), dir);
    }

    @AfterAll
    void stopServer() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void archivesByteIdenticalFilesThroughAKilledConnectionAndARestart() throws Exception {
        StreamingFixture.Failures failures = new StreamingFixture.Failures();
        try (Firedrill repository = StreamingFixture.repository();
                BinlogStreamer streamer = BinlogStreamer.start(fixture.replication(),
                        StreamingFixture.context(repository.logs(), failures), StreamingFixture.fastSettings());
                Workload workload = new Workload(fixture.server, 2)) {
            LogStore logs = repository.logs();
            String stream = streamer.stream();
            assertTrue(stream.startsWith(streamPrefix()), stream);
            Thread.sleep(1500);
            fixture.sql("FLUSH BINARY LOGS");

            // A write reaches the archive as <file>.partial within about a second.
            fixture.sql("INSERT INTO drill.t (v) VALUES ('marker')");
            String file = fixture.query("SHOW MASTER STATUS");
            long position = Long.parseLong(masterPosition());
            long written = System.nanoTime();
            await("the write at " + file + ":" + position + " is archived", () -> archivedUpTo(logs, stream, file,
                    position), Duration.ofSeconds(10));
            double seconds = (System.nanoTime() - written) / 1e9;
            assertTrue(seconds < 2.5, "the partial file followed the write after " + seconds + " s");

            // Kill the replication connection from the server side: the streamer reconnects.
            long killed = streamer.replicationConnectionId();
            assertTrue(killed > 0);
            fixture.sql("KILL " + killed);
            await("a new replication connection", () -> streamer.replicationConnectionId() > 0
                    && streamer.replicationConnectionId() != killed, Duration.ofSeconds(20));
            Thread.sleep(500);
            fixture.sql("FLUSH BINARY LOGS");
            Thread.sleep(500);

            // Restart the server mid-stream.
            fixture.server.restart();
            await("the streamer reconnects after the restart", () -> streamer.status().connected(),
                    Duration.ofSeconds(30));
            Thread.sleep(1000);
            workload.close();
            assertTrue(workload.committed() > 100, "the workload wrote " + workload.committed() + " rows");
            fixture.sql("FLUSH BINARY LOGS");

            List<String> serverFiles = fixture.binlogFiles();
            List<String> closed = serverFiles.subList(0, serverFiles.size() - 1);
            assertTrue(closed.size() >= 5, "several rotations: " + serverFiles);
            String lastClosed = closed.get(closed.size() - 1);
            await(lastClosed + " is archived with its index", () -> logs.find(stream, lastClosed + ".index").isPresent()
                    && logs.find(stream, lastClosed + ".partial").isEmpty(), Duration.ofSeconds(20));
            for (String name : closed) {
                Path fetched = tmp.resolve(name);
                logs.fetch(stream, name, fetched);
                assertArrayEquals(Files.readAllBytes(fixture.binlog(name)), Files.readAllBytes(fetched),
                        name + " is archived byte for byte");
                assertTrue(logs.find(stream, name + ".index").isPresent(), name + " has an index");
                assertFalse(logs.find(stream, name + ".partial").isPresent(), name + " left no partial file");
                Optional<BinlogIndex> index = BinlogArchive.index(logs, stream, name, tmp.resolve(name + ".json"));
                assertEquals(Files.size(fixture.binlog(name)), index.orElseThrow().endPosition());
            }

            // The open file's partial copy equals the server's file, but for the in-use flag the server sets.
            String open = serverFiles.get(serverFiles.size() - 1);
            Path partial = tmp.resolve(open + ".partial");
            await("the open file " + open + " is persisted as it is on the server", () -> {
                try {
                    byte[] onServer = withoutInUseFlag(Files.readAllBytes(fixture.binlog(open)));
                    if (logs.find(stream, open + ".partial").map(f -> f.size() != onServer.length).orElse(true)) {
                        return false;
                    }
                    logs.fetch(stream, open + ".partial", partial);
                    return java.util.Arrays.equals(onServer, withoutInUseFlag(Files.readAllBytes(partial)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, Duration.ofSeconds(10));

            await("the lag falls to nothing", () -> streamer.status().lagBytes() == 0, Duration.ofSeconds(10));
            LogArchiverStatus status = streamer.status();
            assertTrue(status.running() && status.connected(), status.toString());
            assertTrue(status.lastArchivedPosition().startsWith(open + ":"), status.toString());
            assertEquals(lastClosed, status.lastArchivedFile());
            assertTrue(status.lagSeconds() >= 0 && status.lagSeconds() < 2, status.toString());
            assertTrue(streamer.gaps().isEmpty(), "no gap: " + streamer.gaps());
            assertTrue(failures.seen.stream().noneMatch(f -> f.code() == ErrorCode.LOG_GAP), failures.seen.toString());
        }
    }

    @Test
    @Order(2)
    void aNewStreamerContinuesThePartialFileOfTheLastOne() throws Exception {
        StreamingFixture.Failures failures = new StreamingFixture.Failures();
        try (Firedrill repository = StreamingFixture.repository()) {
            LogStore logs = repository.logs();
            fixture.sql("FLUSH BINARY LOGS");
            String open = fixture.query("SHOW MASTER STATUS");
            String stream;
            try (BinlogStreamer first = BinlogStreamer.start(fixture.replication(),
                    StreamingFixture.context(logs, failures), StreamingFixture.fastSettings())) {
                stream = first.stream();
                fixture.sql("INSERT INTO drill.t (v) VALUES ('before the streamer stops')");
                long position = Long.parseLong(masterPosition());
                await("the first part of " + open + " is archived", () -> archivedUpTo(logs, stream, open, position),
                        Duration.ofSeconds(10));
            }
            assertTrue(logs.find(stream, open + ".partial").isPresent());
            fixture.sql("INSERT INTO drill.t (v) VALUES ('while no streamer runs')");
            try (BinlogStreamer second = BinlogStreamer.start(fixture.replication(),
                    StreamingFixture.context(logs, failures), StreamingFixture.fastSettings())) {
                fixture.sql("INSERT INTO drill.t (v) VALUES ('after the new streamer started')");
                fixture.sql("FLUSH BINARY LOGS");
                await(open + " is archived and its partial copy removed", () -> logs.find(stream, open).isPresent()
                        && logs.find(stream, open + ".partial").isEmpty(), Duration.ofSeconds(20));
                Path fetched = tmp.resolve("resumed-" + open);
                logs.fetch(stream, open, fetched);
                assertArrayEquals(Files.readAllBytes(fixture.binlog(open)), Files.readAllBytes(fetched),
                        open + " continued from its partial copy is byte for byte the server's");
                assertTrue(second.gaps().isEmpty(), second.gaps().toString());
            }
        }
    }

    @Test
    @Order(3)
    void heartbeatsKeepAnIdleStreamAndTheirAbsenceReconnects() throws Exception {
        try (Firedrill repository = StreamingFixture.repository();
                BinlogStreamer streamer = BinlogStreamer.start(fixture.replication(),
                        StreamingFixture.context(repository.logs(), new StreamingFixture.Failures()),
                        StreamingFixture.fastSettings())) {
            await("connected", () -> streamer.replicationConnectionId() > 0, Duration.ofSeconds(10));
            long first = streamer.replicationConnectionId();
            // Idle for twice the dead-connection limit (3 heartbeats of 1 s, plus 2 s): heartbeats keep it open.
            Thread.sleep(10_000);
            assertEquals(first, streamer.replicationConnectionId(), "no reconnection while the server is idle");

            // A frozen server sends no heartbeat: the streamer gives up on the connection and reconnects.
            long pid = fixture.server.pid().orElseThrow();
            signal("STOP", pid);
            try {
                await("the silent connection is dropped", () -> !streamer.status().connected(), Duration.ofSeconds(15));
                assertTrue(streamer.status().lastError().contains("no event or heartbeat"), streamer.status().toString());
            } finally {
                signal("CONT", pid);
            }
            await("a new replication connection", () -> streamer.replicationConnectionId() > 0
                    && streamer.replicationConnectionId() != first, Duration.ofSeconds(30));
            fixture.sql("INSERT INTO drill.t (v) VALUES ('after the freeze')");
            String file = fixture.query("SHOW MASTER STATUS");
            long position = Long.parseLong(masterPosition());
            await("streaming goes on", () -> archivedUpTo(repository.logs(), streamer.stream(), file, position),
                    Duration.ofSeconds(10));
            assertTrue(streamer.gaps().isEmpty(), streamer.gaps().toString());
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }

    @Test
    @Order(4)
    void reportsBinlogsPurgedBeforeTheyWereArchivedAsAGap() throws Exception {
        StreamingFixture.Failures failures = new StreamingFixture.Failures();
        try (Firedrill repository = StreamingFixture.repository()) {
            LogStore logs = repository.logs();
            String stream;
            String current = fixture.query("SHOW MASTER STATUS");
            try (BinlogStreamer streamer = BinlogStreamer.start(fixture.replication(),
                    StreamingFixture.context(logs, failures), StreamingFixture.fastSettings())) {
                stream = streamer.stream();
                fixture.sql("FLUSH BINARY LOGS");
                await(current + " is archived", () -> logs.find(stream, current).isPresent(), Duration.ofSeconds(20));
            }
            // While no streamer runs, the server writes three more files and purges them.
            for (int i = 0; i < 3; i++) {
                fixture.sql("INSERT INTO drill.t (v) VALUES ('while nobody streams " + i + "')");
                fixture.sql("FLUSH BINARY LOGS");
            }
            String newest = fixture.query("SHOW MASTER STATUS");
            fixture.sql("PURGE BINARY LOGS TO '" + newest + "'");
            String firstMissing = BinlogNames.next(current);

            try (BinlogStreamer streamer = BinlogStreamer.start(fixture.replication(),
                    StreamingFixture.context(logs, failures), StreamingFixture.fastSettings())) {
                List<BinlogGap> gaps = streamer.gaps();
                assertEquals(1, gaps.size(), gaps.toString());
                BinlogGap gap = gaps.get(0);
                assertEquals(BinlogGap.Kind.PURGED, gap.kind());
                assertEquals(firstMissing, gap.file());
                assertTrue(gap.description().contains(firstMissing), gap.description());
                FiredrillException reported = failures.seen.stream().filter(f -> f.code() == ErrorCode.LOG_GAP)
                        .findFirst().orElseThrow(() -> new AssertionError("no LOG_GAP reported: " + failures.seen));
                assertTrue(reported.getMessage().contains(firstMissing), reported.getMessage());
                assertTrue(streamer.status().lastError().contains(firstMissing), streamer.status().toString());

                // Streaming goes on from the oldest file the server still has.
                fixture.sql("INSERT INTO drill.t (v) VALUES ('after the gap')");
                fixture.sql("FLUSH BINARY LOGS");
                await(newest + " is archived", () -> logs.find(stream, newest).isPresent(), Duration.ofSeconds(20));
                Path fetched = tmp.resolve("after-gap");
                logs.fetch(stream, newest, fetched);
                assertArrayEquals(Files.readAllBytes(fixture.binlog(newest)), Files.readAllBytes(fetched));
            }
        }
    }

    @Test
    @Order(5)
    void wrongCredentialsFailAtOnceWithoutShowingThePassword() throws Exception {
        try (Firedrill repository = StreamingFixture.repository()) {
            String wrong = "not-the-Password-42";
            ConnectionSettings settings = fixture.replication().withUser(StreamingFixture.USER, wrong);
            FiredrillException e = assertThrows(FiredrillException.class, () -> BinlogStreamer.start(settings,
                    StreamingFixture.context(repository.logs(), new StreamingFixture.Failures()),
                    StreamingFixture.fastSettings()));
            assertEquals(ErrorCode.ENGINE_FAILURE, e.code());
            assertTrue(e.getMessage().contains("1045"), e.getMessage());
            assertTrue(e.hint().contains("password"), e.hint());
            assertFalse(e.getMessage().contains(wrong), "the password stays secret: " + e.getMessage());
        }
    }

    @Test
    @Order(6)
    void aUserWithoutReplicationPrivilegesIsToldWhichOnesItNeeds() throws Exception {
        fixture.sql("CREATE USER 'reader'@'%' IDENTIFIED BY 'reader-pw'");
        fixture.sql("GRANT SELECT ON drill.* TO 'reader'@'%'");
        try (Firedrill repository = StreamingFixture.repository()) {
            ConnectionSettings settings = fixture.replication().withUser("reader", "reader-pw");
            FiredrillException e = assertThrows(FiredrillException.class, () -> BinlogStreamer.start(settings,
                    StreamingFixture.context(repository.logs(), new StreamingFixture.Failures()),
                    StreamingFixture.fastSettings()));
            assertTrue(e.getMessage().contains("REPLICATION") || e.getMessage().contains("BINLOG"), e.getMessage());
            assertNotNull(e.hint());
            assertTrue(e.hint().contains("GRANT REPLICATION SLAVE, REPLICATION CLIENT"), e.hint());
        }
    }

    @Test
    @Order(7)
    void aServerWithoutBinaryLogsIsToldToTurnThemOn() throws Exception {
        fixture.server.option("skip-log-bin", "");
        fixture.server.restart();
        try (Firedrill repository = StreamingFixture.repository()) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> BinlogStreamer.start(
                    fixture.replication(), StreamingFixture.context(repository.logs(), new StreamingFixture.Failures()),
                    StreamingFixture.fastSettings()));
            assertTrue(e.getMessage().contains("does not write binary logs"), e.getMessage());
            assertTrue(e.hint().contains("log-bin"), e.hint());
        }
    }

    private String masterPosition() {
        try (var c = fixture.server.connect(); var s = c.createStatement();
                var r = s.executeQuery("SHOW MASTER STATUS")) {
            assertTrue(r.next());
            return r.getString(2);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the archive holds {@code file} complete, or its partial copy reaches {@code position}. */
    private static boolean archivedUpTo(LogStore logs, String stream, String file, long position) {
        return logs.find(stream, file).isPresent()
                || logs.find(stream, file + ".partial").map(f -> f.size() >= position).orElse(false);
    }

    private static byte[] withoutInUseFlag(byte[] binlog) {
        byte[] copy = binlog.clone();
        copy[BinlogFileReader.MAGIC.length + 17] &= (byte) ~BinlogEventHeader.FLAG_BINLOG_IN_USE;
        return copy;
    }
}
