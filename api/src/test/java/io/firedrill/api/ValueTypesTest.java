package io.firedrill.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void backupIdsValidateTheirForm() {
        assertEquals("20261121T055300Z-3f9a1c2e", BackupId.of("20261121T055300Z-3f9a1c2e").value());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> BackupId.of("../../etc"));
        assertTrue(e.getMessage().contains("'../../etc' is malformed"), e.getMessage());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertTrue(BackupId.of("20261121T055300Z-00000000").compareTo(BackupId.of("20261122T000000Z-00000000")) < 0);
    }

    @Test
    void mysqlRecoveryTargetsValidateTheirForm() {
        RecoveryTarget position = RecoveryTarget.binlogPosition("binlog.000042", 1337);
        assertEquals(RecoveryTarget.Kind.BINLOG_POSITION, position.kind());
        assertEquals("binlog.000042:1337", position.value());
        assertTrue(position.inclusive());
        assertFalse(position.exclusive().inclusive());
        assertEquals("0-1-42", RecoveryTarget.gtid(" 0-1-42 ").value());
        assertEquals(RecoveryTarget.Kind.GTID, RecoveryTarget.gtid("3E11FA47-71CA-11E1-9E33-C80AA9429562:23").kind());
        assertThrows(InvalidConfigurationException.class, () -> RecoveryTarget.binlogPosition("binlog.000001", 3));
        assertThrows(InvalidConfigurationException.class, () -> RecoveryTarget.binlogPosition("dir/binlog.000001", 4));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RecoveryTarget.gtid("3e11fa47:23"));
        assertTrue(e.getMessage().contains("GTID '3e11fa47:23' is malformed"), e.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> RecoveryTarget.gtid("0-1"));
        assertThrows(InvalidConfigurationException.class, () -> RecoveryTarget.gtid("3e11fa47-71ca-11e1-9e33-c80aa9429562:0"));
    }

    @Test
    void identitiesRoundTripAndNeverShowTheirSecret() {
        Identity identity = Identity.generate();
        assertEquals(identity, Identity.parse(identity.encoded()));
        assertEquals(identity.recipient(), Recipient.parse(identity.recipient().toString()));
        assertFalse(identity.toString().contains(identity.encoded().substring(26)), identity.toString());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> Identity.parse("FIREDRILL-IDENTITY-X25519:not base64!"));
        assertFalse(e.getMessage().contains("not base64!"), "the rejected secret is not echoed");
    }

    @Test
    void recipientsRejectWrongLengths() {
        assertThrows(InvalidConfigurationException.class, () -> new Recipient(new byte[31]));
        assertThrows(InvalidConfigurationException.class, () -> Recipient.parse("ssh-ed25519 AAAA"));
    }

    @Test
    void databaseSourcesHideCredentials() {
        BackupSource.Database db = new BackupSource.Database(
                "jdbc:postgresql://admin:s3cret@db1:5432/app?password=hunter2&ssl=true");
        assertEquals("jdbc:postgresql://db1:5432/app", db.displayName());
        assertFalse(db.toString().contains("s3cret"));
        assertFalse(db.toString().contains("hunter2"));
        assertEquals("jdbc:mysql://db2/shop", new BackupSource.Database("jdbc:mysql://db2/shop;user=x").displayName());
    }

    @Test
    void retentionPolicyNeedsARule() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RetentionPolicy.builder().build());
        assertTrue(e.hint().contains("keepLast"), e.hint());
        assertThrows(InvalidConfigurationException.class, () -> RetentionPolicy.builder().keepLast(-1).build());
        assertEquals(Duration.ofDays(30), RetentionPolicy.builder().keepWithin(Duration.ofDays(30)).build()
                .keepWithin());
    }

    @Test
    void settingsRejectOutOfRangeValuesAndEchoThem() {
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> Compression.zstd(20)).getMessage()
                .contains("was 20"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> ReadData.percent(101)).getMessage()
                .contains("101"));
        assertThrows(InvalidConfigurationException.class, () -> ReadData.bytes(0));
        assertTrue(assertThrows(InvalidConfigurationException.class,
                () -> Chunking.defaults().withFileChunkSize(1000)).getMessage().contains("1000"));
        assertThrows(InvalidConfigurationException.class, () -> new Chunking(1 << 20, 4096, 3 * 4096, 1 << 20));
    }

    @Test
    void encryptionNeedsAReader() {
        Encryption writeOnly = Encryption.recipients().andWriteOnlyPassphrase("w".toCharArray());
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, writeOnly::validate);
        assertTrue(e.getMessage().contains("needs a passphrase or a recipient"), e.getMessage());
        assertFalse(Encryption.passphrase("secret".toCharArray()).toString().contains("secret"));
        assertThrows(InvalidConfigurationException.class, () -> Encryption.none().andPassphrase("p".toCharArray()));
    }
}
