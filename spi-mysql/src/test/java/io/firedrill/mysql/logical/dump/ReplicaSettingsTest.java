package io.firedrill.mysql.logical.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The replica pause setting and the statements that stop and start a SQL thread on each server. */
class ReplicaSettingsTest {
    @AfterEach
    void clear() {
        System.clearProperty("firedrill.mysql.replicaPause");
    }

    @Test
    void thePauseIsOnByDefaultAndTurnsOffWithFalseOnly() {
        assertTrue(DumpSettings.fromSystemProperties().replicaPause());
        System.setProperty("firedrill.mysql.replicaPause", " FALSE ");
        assertFalse(DumpSettings.fromSystemProperties().replicaPause());
        System.setProperty("firedrill.mysql.replicaPause", "no");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                DumpSettings::fromSystemProperties);
        assertTrue(e.getMessage().contains("firedrill.mysql.replicaPause") && e.getMessage().contains("'no'"),
                e.getMessage());
    }

    @Test
    void eachServerGetsItsOwnStatement() {
        assertEquals("STOP REPLICA SQL_THREAD FOR CHANNEL ''",
                ReplicationChannel.Dialect.MYSQL_REPLICA.sqlThread("STOP", ""));
        assertEquals("START SLAVE SQL_THREAD FOR CHANNEL 'eu'",
                ReplicationChannel.Dialect.MYSQL_SLAVE.sqlThread("START", "eu"));
        assertEquals("STOP SLAVE SQL_THREAD", ReplicationChannel.Dialect.MARIADB.sqlThread("STOP", ""));
        assertEquals("START SLAVE 'o\\'hare' SQL_THREAD",
                ReplicationChannel.Dialect.MARIADB.sqlThread("START", "o'hare"));
    }
}
