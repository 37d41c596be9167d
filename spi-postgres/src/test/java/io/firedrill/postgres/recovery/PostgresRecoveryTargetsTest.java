package io.firedrill.postgres.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RecoveryTarget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MySQL-only targets are refused with INVALID_TARGET before anything is read or restored. */
class PostgresRecoveryTargetsTest {
    @Test
    void refusesBinlogPositionAndGtidTargets() {
        PostgresRecovery recovery = new PostgresRecovery(Duration.ofSeconds(5));
        for (RecoveryTarget target : new RecoveryTarget[] {RecoveryTarget.binlogPosition("binlog.000002", 737),
                RecoveryTarget.gtid("0-1-42"), RecoveryTarget.gtid("3e11fa47-71ca-11e1-9e33-c80aa9429562:23")}) {
            FiredrillException e = assertThrows(FiredrillException.class, () -> recovery.check(target, Map.of(), null));
            assertEquals(ErrorCode.INVALID_TARGET, e.code());
            assertTrue(e.getMessage().contains("MySQL/MariaDB target"), e.getMessage());
            assertTrue(e.hint().contains("RecoveryTarget.time"), e.hint());
        }
    }
}
