package io.firedrill.mysql.logical.dump;

import io.firedrill.mysql.logical.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Accounts and their grants as SQL ({@code SHOW CREATE USER}, {@code SHOW GRANTS}), one statement per line. The
 * server's own accounts are left out: {@code root}, {@code mysql.sys}, {@code mysql.session},
 * {@code mysql.infoschema}, {@code mariadb.sys} and anonymous accounts; roles are dumped as the accounts they are.
 */
public final class AccountsDump {
    private static final Set<String> SYSTEM = Set.of("root", "mysql.sys", "mysql.session", "mysql.infoschema",
            "mariadb.sys", "");

    private AccountsDump() {
    }

    /** The statements that recreate the accounts. */
    public static String sql(Connection connection) throws SQLException {
        List<String[]> accounts = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT User, Host FROM mysql.user ORDER BY User, Host")) {
            while (rs.next()) {
                if (!SYSTEM.contains(rs.getString(1))) {
                    accounts.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        StringBuilder out = new StringBuilder();
        try (Statement s = connection.createStatement()) {
            try {
                // MySQL 8 password hashes hold arbitrary bytes: have them printed as hexadecimal literals.
                s.execute("SET SESSION print_identified_with_as_hex = ON");
            } catch (SQLException e) {
                // MariaDB has no such setting and prints its hashes as text
            }
            for (String[] account : accounts) {
                String name = Sql.literal(account[0]) + "@" + Sql.literal(account[1]);
                for (String show : List.of("SHOW CREATE USER " + name, "SHOW GRANTS FOR " + name)) {
                    try (ResultSet rs = s.executeQuery(show)) {
                        while (rs.next()) {
                            out.append(rs.getString(1).replace("\n", " ")).append(";\n");
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
