package io.firedrill.mysql.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.mysql.logical.dump.DumpSettings;
import io.firedrill.mysql.stream.BinlogStreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engine options override the JVM-wide system properties, per operation; unknown names are refused. */
class MysqlOptionsTest {
    @AfterEach
    void clear() {
        for (String name : new String[] {"threads", "rangeBytes", "excludeSchemas", "heartbeat", "serverId",
                "serverOptions"}) {
            System.clearProperty(MysqlOptions.PROPERTY_PREFIX + name);
        }
    }

    @Test
    void backupOptionsOverrideSystemPropertiesWhichOverrideTheDefaults() {
        System.setProperty("firedrill.mysql.threads", "2");
        System.setProperty("firedrill.mysql.rangeBytes", Long.toString(8L << 20));
        DumpSettings jvm = DumpSettings.fromSystemProperties();
        assertEquals(2, jvm.threads());
        assertEquals(8L << 20, jvm.rangeBytes());
        assertEquals(30, jvm.lockWaitSeconds());

        DumpSettings own = DumpSettings.from(MysqlOptions.of(MysqlOptions.Operation.BACKUP,
                Map.of("threads", "6", "excludeSchemas", "a, b", "accounts", "TRUE", "replicaPause", "false")));
        assertEquals(6, own.threads());
        assertEquals(8L << 20, own.rangeBytes(), "an option not given falls back to the system property");
        assertEquals(Set.of("a", "b"), own.exclude());
        assertTrue(own.accounts());
        assertFalse(own.replicaPause());
        assertEquals(2, DumpSettings.fromSystemProperties().threads(), "options change no JVM-wide setting");
    }

    @Test
    void streamingOptionsOverrideSystemProperties() {
        System.setProperty("firedrill.mysql.heartbeat", "PT7S");
        System.setProperty("firedrill.mysql.serverId", "11");
        BinlogStreamSettings settings = BinlogStreamSettings.from(MysqlOptions.of(MysqlOptions.Operation.STREAMING,
                Map.of("serverId", "4242", "spool", "/var/spool/fd", "stream", "mysql-east")));
        assertEquals(4242, settings.serverId());
        assertEquals(Duration.ofSeconds(7), settings.heartbeat());
        assertEquals(Path.of("/var/spool/fd"), settings.spoolDirectory());
        assertEquals("mysql-east", settings.stream());
        assertEquals(11, BinlogStreamSettings.fromSystemProperties().serverId());
    }

    @Test
    void restoreOptionsAreReadOptionFirst() {
        System.setProperty("firedrill.mysql.serverOptions", "innodb_buffer_pool_size=1G");
        MysqlOptions options = MysqlOptions.of(MysqlOptions.Operation.RESTORE,
                Map.of("restore.deferIndexes", "false", "basedir", "/opt/mysql"));
        assertFalse(options.bool("restore.deferIndexes", true));
        assertEquals("/opt/mysql", options.option("basedir").orElseThrow());
        assertEquals("innodb_buffer_pool_size=1G", options.text("serverOptions"));
        assertTrue(MysqlOptions.systemProperties(MysqlOptions.Operation.RESTORE).option("serverOptions").isEmpty(),
                "option() never reads system properties");
    }

    @Test
    void unknownNamesAreRefusedNamingTheValidOnes() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> MysqlOptions.of(MysqlOptions.Operation.BACKUP, Map.of("thread", "4")));
        assertTrue(e.getMessage().contains("[thread]") && e.getMessage().contains("backup"), e.getMessage());
        assertTrue(e.hint().contains("threads") && e.hint().contains("replicaPause"), e.hint());
        // a name of another operation is refused as well: restore settings do nothing in a backup
        e = assertThrows(InvalidConfigurationException.class,
                () -> MysqlOptions.of(MysqlOptions.Operation.RESTORE, Map.of("threads", "4")));
        assertTrue(e.hint().contains("restore.deferIndexes"), e.hint());
        e = assertThrows(InvalidConfigurationException.class,
                () -> MysqlOptions.of(MysqlOptions.Operation.STREAMING, Map.of("firedrill.mysql.serverId", "4")));
        assertTrue(e.hint().contains("serverId"), e.hint());
    }

    @Test
    void badValuesNameTheOptionTheyCameFrom() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> DumpSettings.from(
                MysqlOptions.of(MysqlOptions.Operation.BACKUP, Map.of("threads", "many"))));
        assertTrue(e.getMessage().contains("engine option threads") && e.getMessage().contains("'many'"),
                e.getMessage());
        e = assertThrows(InvalidConfigurationException.class, () -> DumpSettings.from(
                MysqlOptions.of(MysqlOptions.Operation.BACKUP, Map.of("threads", "99"))));
        assertTrue(e.getMessage().contains("1 to 64"), e.getMessage());
        e = assertThrows(InvalidConfigurationException.class, () -> BinlogStreamSettings.from(
                MysqlOptions.of(MysqlOptions.Operation.STREAMING, Map.of("heartbeat", "5s"))));
        assertTrue(e.getMessage().contains("engine option heartbeat") && e.getMessage().contains("PT2S"),
                e.getMessage());
    }
}
