package io.firedrill.api.spi;

import io.firedrill.api.ProgressListener;
import io.firedrill.api.RecoveryTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the core hands an engine to restore a logical backup: either into a new server it creates in
 * {@code directory}, or into an existing server reached through {@code server}.
 *
 * @param streams the backup's streams
 * @param details the backup's engine details (from {@link PhysicalBackup.Result#details()})
 * @param directory where to create a new server; {@code null} when restoring into {@code server}
 * @param server a connection to an existing server to load into, or empty for a new server
 * @param renames schema names to load under another name ({@code from → to}); unlisted schemas keep their name
 * @param target the point-in-time recovery target; empty loads the backup's snapshot only
 * @param port the port to leave a new server running on, or empty to stop it once loaded
 * @param logs the log archive to replay from
 * @param listener progress
 * @param parallelism how many workers load at once
 * @param options the restore's engine options by name (see {@link EngineContext#options()}); empty for the engine's
 *     defaults; the engine refuses names it does not know
 */
public record LogicalRestore(StreamSource streams, Map<String, Object> details, Path directory,
                             Optional<String> server, Map<String, String> renames, Optional<RecoveryTarget> target,
                             OptionalInt port, LogStore logs, ProgressListener listener, int parallelism,
                             Map<String, String> options) {
    /** Validates and copies. */
    public LogicalRestore {
        Objects.requireNonNull(streams, "streams");
        details = Map.copyOf(details);
        Objects.requireNonNull(server, "server");
        renames = Map.copyOf(renames);
        options = Map.copyOf(options);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(listener, "listener");
        if (directory == null && server.isEmpty()) {
            throw new IllegalArgumentException("a logical restore needs a directory or a server");
        }
    }
}
