package io.firedrill.mysql.logical.it;

import io.firedrill.mysql.server.MysqlFlavor;
import io.firedrill.mysql.server.MysqlProcess;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test schema {@code shop}: every data type worth a round trip, integer, string, composite and missing keys,
 * tables large enough to be split into key ranges (with the engine option {@code rangeBytes} at 1 MiB), a view on a
 * view, a procedure, a function, a trigger and an event. Row generation uses schema {@code gen}, which backups skip.
 */
final class SampleData {
    /** Every byte value, for the binary columns. */
    static final byte[] ALL_BYTES = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALL_BYTES[i] = (byte) i;
        }
    }

    private SampleData() {
    }

    static void create(MysqlProcess server) throws SQLException {
        boolean mysql = server.installation().flavor() == MysqlFlavor.MYSQL;
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE gen");
            s.execute("CREATE TABLE gen.digits (d INT PRIMARY KEY)");
            s.execute("INSERT INTO gen.digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            s.execute("CREATE DATABASE shop CHARACTER SET utf8mb4");
            s.execute("CREATE TABLE shop.types (id INT AUTO_INCREMENT PRIMARY KEY, tiny TINYINT, small SMALLINT, "
                    + "big BIGINT, ubig BIGINT UNSIGNED, dec_v DECIMAL(20,6), f FLOAT, d DOUBLE, dt DATE, "
                    + "tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL, yr YEAR, vc VARCHAR(100), txt TEXT, "
                    + "lat VARCHAR(50) CHARACTER SET latin1, bin VARBINARY(300), bl BLOB, bt BIT(10), "
                    + "en ENUM('a','b'), st SET('x','y')" + (mysql ? ", js JSON" : "")
                    + ", gen_len INT AS (LENGTH(vc)) VIRTUAL, KEY (vc), UNIQUE KEY (big))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO shop.types (tiny, small, big, ubig, dec_v, f, "
                    + "d, dt, tm, dtm, ts, yr, vc, txt, lat, bin, bl, bt, en, st" + (mysql ? ", js" : "")
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, b'1010101010', 'b', 'x,y'"
                    + (mysql ? ", ?" : "") + ")")) {
                Object[][] rows = {
                    {-128, -32768, Long.MIN_VALUE, "18446744073709551615", "-12345678901234.123456", 1.5f, Math.PI,
                        "2024-02-29", "-838:59:59", "1000-01-01 00:00:00.000001", "2038-01-19 03:14:07.999999",
                        1901, "tab\there\nnewline\\backslash \u00e9\u00e8 \ud83d\ude80 \\N", "long text \u2603\r\n\0end",
                        "caf\u00e9", ALL_BYTES, ALL_BYTES, "{\"k\": [1, \"v\\t\", null]}"},
                    {127, 32767, Long.MAX_VALUE, "0", "0.000001", -0.1f, -1e300, "9999-12-31", "838:59:59",
                        "9999-12-31 23:59:59.999999", "1970-01-01 00:00:01.000000", 2155, "", "", "", new byte[0],
                        new byte[0], "[]"},
                };
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length - (mysql ? 0 : 1); i++) {
                        p.setObject(i + 1, row[i]);
                    }
                    p.executeUpdate();
                }
            }
            s.execute("INSERT INTO shop.types (id) VALUES (100)");
            s.execute("CREATE TABLE shop.big (id INT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(12,2), "
                    + "note VARCHAR(200), KEY (name))");
            s.execute("INSERT INTO shop.big SELECT n, CONCAT('name-', n MOD 977), n / 7, REPEAT(CHAR(65 + n MOD 26), "
                    + "60 + n MOD 40) FROM (" + numbers(5) + ") nums WHERE n < 40000");
            s.execute("CREATE TABLE shop.coded (code VARCHAR(40) PRIMARY KEY, v INT, filler VARCHAR(100), KEY (v))");
            s.execute("INSERT INTO shop.coded SELECT CONCAT('code-', LPAD(n, 6, '0'), '-\u00e9'), n, REPEAT('x', 80) "
                    + "FROM (" + numbers(5) + ") nums WHERE n < 20000");
            s.execute("CREATE TABLE shop.pairs (a INT, b VARCHAR(20), c INT, filler VARCHAR(100), PRIMARY KEY (a, b))");
            s.execute("INSERT INTO shop.pairs SELECT n DIV 10, CONCAT('b', n MOD 10), n, REPEAT('y', 90) FROM ("
                    + numbers(5) + ") nums WHERE n < 20000");
            s.execute("CREATE TABLE shop.loose (x INT, y TEXT)");
            s.execute("INSERT INTO shop.loose VALUES (1, 'one'), (1, 'one'), (NULL, NULL), (2, '')");
            s.execute("CREATE VIEW shop.v_big AS SELECT id, name FROM shop.big WHERE id < 10");
            s.execute("CREATE VIEW shop.v_on_view AS SELECT COUNT(*) AS n FROM shop.v_big");
            s.execute("CREATE PROCEDURE shop.p_count(OUT n INT) BEGIN SELECT COUNT(*) INTO n FROM shop.big; END");
            s.execute("CREATE FUNCTION shop.f_double(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
            s.execute("CREATE TRIGGER shop.t_pairs BEFORE INSERT ON shop.pairs FOR EACH ROW SET NEW.c = NEW.c + 1");
            // Fresh statistics, as a server that has run for a while has: range planning reads the size estimates.
            s.execute("ANALYZE TABLE shop.big, shop.coded, shop.pairs");
            s.execute("CREATE EVENT shop.e_noop ON SCHEDULE EVERY 1 HOUR DO UPDATE shop.loose SET x = x WHERE 1 = 0");
        }
    }

    /** A derived table of the numbers 0 to 10^digits - 1, column {@code n}. */
    static String numbers(int digits) {
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder from = new StringBuilder(" FROM ");
        for (int i = 0; i < digits; i++) {
            select.append(i == 0 ? "" : " + ").append("d").append(i).append(".d * ").append((long) Math.pow(10, i));
            from.append(i == 0 ? "" : ", ").append("gen.digits d").append(i);
        }
        return select.append(" AS n").append(from).toString();
    }

    /** A hash of every table of {@code schema}: its rows in full order, each value's exact bytes. */
    static Map<String, String> hashes(Connection c, String schema) throws SQLException {
        Map<String, String> hashes = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = '" + schema + "' AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            for (String table : tables) {
                MessageDigest digest = sha256();
                try (ResultSet rs = s.executeQuery("SELECT * FROM `" + schema + "`.`" + table + "`")) {
                    int n = rs.getMetaData().getColumnCount();
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            row.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v))
                                    .append('|');
                        }
                        rows.add(row.toString());
                    }
                    rows.sort(null);
                    rows.forEach(r -> digest.update(r.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                    hashes.put(table, rows.size() + ":" + HexFormat.of().formatHex(digest.digest()));
                }
            }
        }
        return hashes;
    }

    static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
