package io.firedrill.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable description of a restore; built by {@link RestoreCommand}.
 *
 * @param selector which backup
 * @param target the directory to write; must be missing or empty; {@code null} when restoring a logical backup
 *     into an existing {@code server}
 * @param listener progress receiver
 * @param recovery for database backups: the point-in-time recovery target; empty restores the files only
 * @param serverPort for database backups: start the recovered server on this port; empty leaves it stopped
 * @param server for logical backups: a connection to an existing server to load into instead of a new server
 * @param renames for logical backups: schemas to load under another name ({@code from → to})
 * @param options engine options by name (see {@link RestoreCommand#option}); empty for the engine's defaults
 */
public record RestoreRequest(BackupSelector selector, Path target, ProgressListener listener,
                             Optional<RecoveryTarget> recovery, OptionalInt serverPort,
                             Optional<String> server, Map<String, String> renames,
                             Map<String, String> options) {
    /** Validates. */
    public RestoreRequest {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(server, "server");
        if (target == null && server.isEmpty()) {
            throw new NullPointerException("target");
        }
        renames = Map.copyOf(renames);
        options = Map.copyOf(options);
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(serverPort, "serverPort");
    }

    /** Never shows the server connection's credentials. */
    @Override
    public String toString() {
        return "RestoreRequest[" + selector + ", target=" + target + ", recovery=" + recovery + ", serverPort="
                + serverPort + ", server=" + server.map(Redaction::connection).orElse("-") + ", renames=" + renames
                + ", options=" + options.keySet() + "]";
    }
}
