package io.firedrill.mysql.logical.load;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.mysql.engine.MysqlConnections;
import io.firedrill.mysql.engine.MysqlFailure;
import io.firedrill.mysql.logical.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The drill check of a restored logical backup: every table the backup recorded is read in full
 * ({@code SELECT COUNT(*)} walks the clustered index) and its row count must equal the count taken inside the
 * backup's snapshot.
 */
final class SanityCheck {
    private SanityCheck() {
    }

    static String run(int port, Map<String, Object> details) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tables = (List<Map<String, Object>>) details.getOrDefault("tables", List.of());
        List<String> wrong = new ArrayList<>();
        long rows = 0;
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&allowPublicKeyRetrieval=true";
        try (Connection c = MysqlConnections.open(url, Map.of(), "connecting for drill checks to");
             Statement s = c.createStatement()) {
            for (Map<String, Object> table : tables) {
                String name = Sql.quote((String) table.get("schema")) + "." + Sql.quote((String) table.get("table"));
                long recorded = ((Number) table.get("rows")).longValue();
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + name)) {
                    rs.next();
                    long found = rs.getLong(1);
                    rows += found;
                    if (found != recorded) {
                        wrong.add(name + " has " + found + " rows, the snapshot had " + recorded);
                    }
                }
            }
        } catch (SQLException e) {
            throw MysqlFailure.of("checking the restored tables", e);
        }
        if (!wrong.isEmpty()) {
            throw new FiredrillException(ErrorCode.ENGINE_FAILURE, "drill check failed: " + String.join("; ", wrong),
                    "the backup restores but does not hold what the snapshot held: report it as a bug");
        }
        return tables.size() + " tables read in full, " + rows
                + " rows, every count equal to the count taken in the backup's snapshot";
    }
}
