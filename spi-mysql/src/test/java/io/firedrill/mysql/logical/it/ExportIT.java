package io.firedrill.mysql.logical.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.export.MysqlExport;
import io.firedrill.mysql.server.MysqlInstallation;
import io.firedrill.mysql.server.MysqlProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Granular exports from a real MariaDB server: a table as CSV and as TSV, and a whole schema whose
 * {@code load.sql} brings it back identical through the {@code mariadb} client.
 */
class ExportIT {
    @TempDir
    Path temp;

    @Test
    void tablesAndASchemaExportAndLoadBack() throws Exception {
        try (MysqlProcess server = MysqlProcess.initialize(MysqlInstallation.debianMariadb(), temp.resolve("data"))
                .start()) {
            SampleData.create(server);
            String url = server.jdbcUrl();
            Map<String, String> expected;
            try (Connection c = server.connect()) {
                expected = SampleData.hashes(c, "shop");
            }

            Path csv = temp.resolve("types.csv");
            assertEquals(3, MysqlExport.table(url, "shop", "types", csv, MysqlExport.Format.CSV));
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertTrue(lines.get(0).startsWith("id,tiny,small,big,ubig,dec_v,"), lines.get(0));
            assertTrue(lines.get(1).startsWith("1,-128,-32768,-9223372036854775808,18446744073709551615,"
                    + "-12345678901234.123456,"), lines.get(1));
            assertTrue(lines.get(1).contains(",\"tab\there"), "a field with a line break is quoted: " + lines.get(1));
            assertTrue(Files.readString(csv).contains(",0x000102030405"), "binary columns are hexadecimal");

            Path tsv = temp.resolve("big.tsv");
            assertEquals(40000, MysqlExport.table(url, "shop", "big", tsv, MysqlExport.Format.TSV));
            try (var all = Files.lines(tsv)) {
                assertEquals(40000, all.count());
            }

            Path dir = Files.createDirectories(temp.resolve("shop-export"));
            assertEquals(80007, MysqlExport.schema(url, "shop", dir));
            server.execute("DROP DATABASE shop");
            Process client = new ProcessBuilder("/usr/bin/mariadb", "--no-defaults", "--local-infile=1",
                    "-h127.0.0.1", "-P" + server.port(), "-uroot").directory(dir.toFile())
                    .redirectInput(dir.resolve("load.sql").toFile()).redirectErrorStream(true)
                    .redirectOutput(new File(temp.toFile(), "client.log")).start();
            assertEquals(0, client.waitFor(), Files.readString(temp.resolve("client.log")));
            try (Connection c = server.connect()) {
                assertEquals(expected, SampleData.hashes(c, "shop"));
                assertEquals("84", SampleData.query(c, "SELECT shop.f_double(42)"));
                assertEquals("10", SampleData.query(c, "SELECT n FROM shop.v_on_view"));
            }

            FiredrillException missing = org.junit.jupiter.api.Assertions.assertThrows(FiredrillException.class,
                    () -> MysqlExport.table(url, "shop", "nope", temp.resolve("x.csv"), MysqlExport.Format.CSV));
            assertTrue(missing.getMessage().contains("shop.nope"), missing.getMessage());
        }
    }
}
