package io.firedrill.api;

import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.StorageProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The immutable, validated settings of a {@link Firedrill} handle, produced by {@link FluentConfiguration}.
 * Secrets are copied in and out and never appear in {@link #toString()}.
 */
public final class Configuration {
    private final String repository;
    private final char[] passphrase;
    private final Identity identity;
    private final Compression compression;
    private final Chunking chunking;
    private final int parallelism;
    private final int packSize;
    private final Duration lockWait;
    private final Duration lockExpiry;
    private final String host;
    private final List<StorageProvider> storageProviders;
    private final List<EngineProvider> engineProviders;
    private final ProgressListener listener;
    private final Clock clock;

    Configuration(FluentConfiguration f) {
        this.repository = f.repository;
        this.passphrase = f.passphrase == null ? null : f.passphrase.clone();
        this.identity = f.identity;
        this.compression = f.compression;
        this.chunking = f.chunking;
        this.parallelism = f.parallelism;
        this.packSize = f.packSize;
        this.lockWait = f.lockWait;
        this.lockExpiry = f.lockExpiry;
        this.host = f.host;
        this.storageProviders = List.copyOf(f.storageProviders);
        this.engineProviders = List.copyOf(f.engineProviders);
        this.listener = f.listener;
        this.clock = f.clock;
    }

    /** The repository location: a URI such as {@code file:/var/backups/db1}, {@code mem:test}. */
    public String repository() {
        return repository;
    }

    /** The passphrase that opens the repository (a copy), if one was set. */
    public Optional<char[]> passphrase() {
        return Optional.ofNullable(passphrase).map(char[]::clone);
    }

    /** The identity that opens the repository, if one was set. */
    public Optional<Identity> identity() {
        return Optional.ofNullable(identity);
    }

    /** Chunk compression. */
    public Compression compression() {
        return compression;
    }

    /** Chunking, used when a repository is created. */
    public Chunking chunking() {
        return chunking;
    }

    /** Worker threads for reading, compressing, encrypting and storing. */
    public int parallelism() {
        return parallelism;
    }

    /** Target size of pack objects in bytes. */
    public int packSize() {
        return packSize;
    }

    /** How long to wait for a conflicting lock. */
    public Duration lockWait() {
        return lockWait;
    }

    /** After how long without a heartbeat a lock is stale. */
    public Duration lockExpiry() {
        return lockExpiry;
    }

    /** The host name recorded in backups and locks. */
    public String host() {
        return host;
    }

    /** Explicitly registered storage providers; they take precedence over discovered ones. */
    public List<StorageProvider> storageProviders() {
        return storageProviders;
    }

    /** Explicitly registered engine providers; they take precedence over discovered ones. */
    public List<EngineProvider> engineProviders() {
        return engineProviders;
    }

    /** The default progress listener. */
    public ProgressListener listener() {
        return listener;
    }

    /** The clock for timestamps and retention. */
    public Clock clock() {
        return clock;
    }

    /** Overwrites the in-memory copy of the passphrase. Called when the handle closes. */
    void wipe() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Shows every setting except secrets. */
    @Override
    public String toString() {
        return "Configuration[repository=" + repository + ", passphrase=" + (passphrase != null ? "<set>" : "<none>")
                + ", identity=" + (identity != null ? identity.recipient() : "<none>") + ", compression=" + compression
                + ", chunking=" + chunking + ", parallelism=" + parallelism + ", packSize=" + packSize
                + ", lockWait=" + lockWait + ", lockExpiry=" + lockExpiry + ", host=" + host + "]";
    }
}
