package io.firedrill.mysql.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a real MySQL 8.0 server's own binlog files: every checksum verifies and the GTIDs match the server's. */
class BinlogFileIT {
    @TempDir
    Path temp;

    @Test
    void readsAndIndexesMysqlBinlogFiles() throws IOException {
        try (MysqlProcess server = MysqlProcess.initialize(MysqlInstallation.mysqlFromMavenCentral(),
                temp.resolve("data")).start()) {
            server.execute("create database drill");
            server.execute("create table drill.t (id int primary key, v varchar(100))");
            for (int i = 0; i < 5; i++) {
                server.execute("insert into drill.t values (" + i + ", repeat('x', " + (i * 20) + "))");
            }
            server.execute("update drill.t set v = 'y' where id < 3");
            server.execute("flush binary logs");
            String executed = query(server, "select @@gtid_executed").replace("\n", "");

            List<String> files = Files.readAllLines(server.dataDir().resolve("binlog.index"));
            assertTrue(files.size() >= 2, files.toString());
            List<String> gtids = new ArrayList<>();
            for (String line : files) {
                Path file = server.dataDir().resolve(Path.of(line.strip()).getFileName());
                BinlogFileReader reader;
                BinlogIndex index;
                try (InputStream in = Files.newInputStream(file)) {
                    reader = new BinlogFileReader(in, file.getFileName().toString());
                    index = BinlogIndex.scan(reader);
                }
                assertTrue(reader.formatDescription().crc32(), file + " has no CRC32");
                assertEquals("8.0.31", reader.formatDescription().serverVersion());
                assertFalse(reader.truncated(), file.toString());
                assertEquals(Files.size(file), index.endPosition(), file.toString());
                for (BinlogIndex.Transaction t : index.transactions()) {
                    assertEquals(OptionalLong.of(t.position()), index.positionOf(t.gtid()));
                }
                gtids.addAll(index.gtids());
                if (line.equals(files.get(0))) {
                    assertTrue(index.closed(), "the flushed file ends with a rotate");
                    assertEquals(8, index.gtids().size(), index.gtids().toString());
                }
            }
            assertEquals(expand(executed), gtids);
        }
    }

    /** {@code uuid:1-8} → {@code [uuid:1, …, uuid:8]} (one source UUID, as on a fresh server). */
    private static List<String> expand(String gtidSet) {
        String[] parts = gtidSet.strip().split(":");
        assertEquals(2, parts.length, gtidSet);
        List<String> out = new ArrayList<>();
        for (String interval : parts[1].split(":")) {
            String[] bounds = interval.split("-");
            long from = Long.parseLong(bounds[0]);
            long to = Long.parseLong(bounds[bounds.length - 1]);
            for (long g = from; g <= to; g++) {
                out.add(parts[0] + ":" + g);
            }
        }
        return out;
    }

    private static String query(MysqlProcess server, String sql) {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no row from " + sql);
            return rows.getString(1);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }
}
