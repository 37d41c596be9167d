package io.firedrill.mysql.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firedrill.api.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** JDBC URLs become connection settings; the password never shows. */
class ConnectionSettingsTest {
    @Test
    void parsesMysqlAndMariadbUrls() {
        ConnectionSettings s = ConnectionSettings.fromJdbcUrl("jdbc:mysql://db1:3307/app?user=repl&password=p%40ss&ssl=false");
        assertEquals("db1", s.host());
        assertEquals(3307, s.port());
        assertEquals("repl", s.user());
        assertEquals("p@ss", s.password());
        ConnectionSettings m = ConnectionSettings.fromJdbcUrl("jdbc:mariadb://10.0.0.5/?user=root");
        assertEquals(3306, m.port());
        assertEquals("", m.password());
        assertEquals("root@10.0.0.5:3306", m.toString());
    }

    @Test
    void badUrlsAreRefusedWithoutShowingTheirQuery() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConnectionSettings.fromJdbcUrl("jdbc:postgresql://db1/app?password=hunter2"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> ConnectionSettings.fromJdbcUrl("jdbc:mysql://db1:x/"));
        InvalidConfigurationException noUser = assertThrows(InvalidConfigurationException.class,
                () -> ConnectionSettings.fromJdbcUrl("jdbc:mysql://db1/?password=hunter2"));
        assertFalse(noUser.getMessage().contains("hunter2"), noUser.getMessage());
    }

    @Test
    void toStringLeavesThePasswordOut() {
        assertFalse(ConnectionSettings.of("h", 1, "u", "topsecret").toString().contains("topsecret"));
    }
}
