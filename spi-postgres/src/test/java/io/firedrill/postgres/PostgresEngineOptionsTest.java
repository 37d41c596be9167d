package io.firedrill.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.api.InvalidConfigurationException;
import io.firedrill.api.ProgressListener;
import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineContext;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostgreSQL engine has no engine options: it refuses any before it connects, naming what it got. */
class PostgresEngineOptionsTest {
    private static final EngineContext WITH_OPTIONS = new EngineContext(null, new ProgressListener() { },
            Clock.systemUTC(), Map.of("threads", "4"));

    @Test
    void aBackupAndAnArchiverRefuseEngineOptionsBeforeConnecting() {
        // Port 1 has no server: reaching the connection would fail differently.
        try (Engine engine = new PostgresEngineProvider().open("jdbc:postgresql://127.0.0.1:1/app")) {
            InvalidConfigurationException backup = assertThrows(InvalidConfigurationException.class,
                    () -> engine.startBackup(WITH_OPTIONS));
            assertTrue(backup.getMessage().contains("takes no engine options")
                    && backup.getMessage().contains("threads"), backup.getMessage());
            InvalidConfigurationException archiver = assertThrows(InvalidConfigurationException.class,
                    () -> engine.archiveLogs(WITH_OPTIONS));
            assertTrue(archiver.getMessage().contains("log archiver"), archiver.getMessage());
        }
    }
}
