package io.firedrill.postgres;

import io.firedrill.api.spi.Engine;
import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.Recovery;
import io.firedrill.postgres.backup.PostgresPhysicalBackup;
import io.firedrill.postgres.recovery.PostgresRecovery;
import io.firedrill.postgres.stream.StreamSettings;
import java.time.Duration;

/** The PostgreSQL engine: claims {@code jdbc:postgresql:} connections and recovers {@code postgres-physical} backups. */
public final class PostgresEngineProvider implements EngineProvider {
    /** How long a backup waits for its WAL to reach the archive, unless {@code firedrill.postgres.walWait} says. */
    static final Duration DEFAULT_WAL_WAIT = Duration.ofMinutes(5);
    /** How long recovery may run, unless {@code firedrill.postgres.recoveryTimeout} says. */
    static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofHours(12);

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public boolean supports(String connection) {
        return connection.startsWith("jdbc:postgresql:");
    }

    @Override
    public Engine open(String connection) {
        return new PostgresEngine(connection, duration("firedrill.postgres.walWait", DEFAULT_WAL_WAIT),
                StreamSettings.fromSystemProperties());
    }

    @Override
    public boolean recovers(String backupKind) {
        return PostgresPhysicalBackup.KIND.equals(backupKind);
    }

    @Override
    public Recovery recovery() {
        return new PostgresRecovery(duration("firedrill.postgres.recoveryTimeout", DEFAULT_RECOVERY_TIMEOUT));
    }

    private static Duration duration(String property, Duration fallback) {
        String value = System.getProperty(property);
        return value == null ? fallback : Duration.parse(value);
    }
}
