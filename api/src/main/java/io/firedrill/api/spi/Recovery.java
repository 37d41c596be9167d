package io.firedrill.api.spi;

import io.firedrill.api.RecoveryReport;
import io.firedrill.api.RecoveryTarget;
import io.firedrill.api.ProgressListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Recovers a restored backup of one engine's kind: configures the restored tree for recovery to a target,
 * replays archived logs and, when asked, starts the server. Stateless; supplied by
 * {@link EngineProvider#recovery()}.
 */
public interface Recovery {

    /**
     * Validates that a target lies within what the archive can reach, before anything is restored.
     *
     * @param details the backup's engine details (from {@link PhysicalBackup.Result#details()})
     * @throws io.firedrill.api.FiredrillException with {@link io.firedrill.api.ErrorCode#INVALID_TARGET} naming the
     *     recoverable window when it does not
     */
    void check(RecoveryTarget target, Map<String, Object> details, LogStore logs);

    /**
     * Recovers a tree restored into {@code dataDirectory}.
     *
     * @param dataDirectory the restored tree
     * @param details the backup's engine details
     * @param target where to stop
     * @param port the port to start the server on, or empty to leave it stopped after recovery
     * @param logs the archive to replay from
     * @param listener progress
     */
    RecoveryReport recover(Path dataDirectory, Map<String, Object> details, RecoveryTarget target, OptionalInt port,
                           LogStore logs, ProgressListener listener);

    /**
     * Whether backups of this kind are logical: restored by {@link #load} rather than as files and
     * {@link #recover}.
     */
    default boolean restoresLogically(String backupKind) {
        return false;
    }

    /**
     * Restores a logical backup: creates a new server in {@code restore.directory()} (or connects to
     * {@code restore.server()}), loads the streams, replays archived logs to the target when one is given, and
     * leaves a new server running on {@code restore.port()} when one is given.
     *
     * @return what recovery reached; {@code running} tells whether a new server was left running
     * @throws io.firedrill.api.FiredrillException with {@link io.firedrill.api.ErrorCode#INVALID_TARGET} when the
     *     target is outside the recoverable window, before anything is loaded
     */
    default RecoveryReport load(LogicalRestore restore) {
        throw new UnsupportedOperationException("this engine does not restore logical backups");
    }

    /**
     * Drill checks on a recovered server left running on {@code port}: the engine's sanity checks (every table
     * the backup recorded is readable, row counts against those recorded at backup time…).
     *
     * @return what was checked, for the drill report
     * @throws io.firedrill.api.FiredrillException when a check fails
     */
    default String sanityCheck(Path dataDirectory, int port, Map<String, Object> details) {
        throw new UnsupportedOperationException("this engine has no drill checks");
    }

    /** Stops a server {@link #recover} left running in {@code dataDirectory}. */
    default void stop(Path dataDirectory, Map<String, Object> details) {
        throw new UnsupportedOperationException("this engine cannot stop the servers it recovered");
    }
}
