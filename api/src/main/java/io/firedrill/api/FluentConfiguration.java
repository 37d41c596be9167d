package io.firedrill.api;

import io.firedrill.api.spi.EngineProvider;
import io.firedrill.api.spi.RepositoryRuntime;
import io.firedrill.api.spi.StorageProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The builder behind {@link Firedrill#configure()}. Each setter validates its value at once and names the
 * setting in its error; {@link #load()} opens an existing repository, {@link #init(Encryption)} creates one.
 */
public final class FluentConfiguration {
    private static final int MIB = 1024 * 1024;

    String repository;
    char[] passphrase;
    Identity identity;
    Compression compression = Compression.defaults();
    Chunking chunking = Chunking.defaults();
    int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
    int packSize = 16 * MIB;
    Duration lockWait = Duration.ofMinutes(1);
    Duration lockExpiry = Duration.ofMinutes(10);
    String host = defaultHost();
    final List<StorageProvider> storageProviders = new ArrayList<>();
    final List<EngineProvider> engineProviders = new ArrayList<>();
    ProgressListener listener = ProgressListener.NONE;
    Clock clock = Clock.systemUTC();

    FluentConfiguration() {
    }

    /**
     * Where the repository lives: a URI ({@code file:/var/backups/db1}, {@code mem:name}, or a scheme a storage
     * plugin adds). Required.
     */
    public FluentConfiguration repository(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank() || !uri.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.+")) {
            throw new InvalidConfigurationException("repository '" + uri + "' is not a URI",
                    "use a URI such as file:/var/backups/db1, or repository(Path) for a local directory");
        }
        this.repository = uri;
        return this;
    }

    /** A repository in a local directory: the embedded default storage. */
    public FluentConfiguration repository(Path directory) {
        Objects.requireNonNull(directory, "directory");
        this.repository = directory.toAbsolutePath().normalize().toUri().toString();
        return this;
    }

    /** The passphrase that opens the repository (read-write or write-only). Copied; the caller may wipe its array. */
    public FluentConfiguration passphrase(char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new InvalidConfigurationException("passphrase is empty", null);
        }
        this.passphrase = passphrase.clone();
        return this;
    }

    /** The identity that opens a repository created for its recipient. */
    public FluentConfiguration identity(Identity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
        return this;
    }

    /** Chunk compression; default zstd level 3. */
    public FluentConfiguration compression(Compression compression) {
        this.compression = Objects.requireNonNull(compression, "compression");
        return this;
    }

    /** Chunk sizes, used only when a repository is created; default {@link Chunking#defaults()}. */
    public FluentConfiguration chunking(Chunking chunking) {
        this.chunking = Objects.requireNonNull(chunking, "chunking");
        return this;
    }

    /** Worker threads, 1..256; default the number of processors (at least 2). Memory grows with it. */
    public FluentConfiguration parallelism(int workers) {
        if (workers < 1 || workers > 256) {
            throw new InvalidConfigurationException("parallelism must be within 1..256, was " + workers, null);
        }
        this.parallelism = workers;
        return this;
    }

    /** Target pack size in bytes, 1 MiB..128 MiB; default 16 MiB. Each worker may hold one pack in memory. */
    public FluentConfiguration packSize(int bytes) {
        if (bytes < MIB || bytes > 128 * MIB) {
            throw new InvalidConfigurationException("packSize must be within 1 MiB..128 MiB, was " + bytes, null);
        }
        this.packSize = bytes;
        return this;
    }

    /** How long an operation waits for a conflicting lock before failing; default 1 minute. */
    public FluentConfiguration lockWait(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new InvalidConfigurationException("lockWait must not be negative, was " + wait, null);
        }
        this.lockWait = wait;
        return this;
    }

    /**
     * After how long without a heartbeat another process may treat a lock as stale and remove it; default
     * 10 minutes, at least 1 second. Heartbeats run every quarter of it.
     */
    public FluentConfiguration lockExpiry(Duration expiry) {
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigurationException("lockExpiry must be at least 1s, was " + expiry, null);
        }
        this.lockExpiry = expiry;
        return this;
    }

    /** The host name recorded in backups and locks; default the local host name. */
    public FluentConfiguration host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new InvalidConfigurationException("host is blank", null);
        }
        this.host = host;
        return this;
    }

    /** Registers a storage provider explicitly; it wins over one discovered for the same scheme. */
    public FluentConfiguration storageProvider(StorageProvider provider) {
        storageProviders.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** Registers an engine provider explicitly; it wins over discovered ones that claim the same connection. */
    public FluentConfiguration engineProvider(EngineProvider provider) {
        engineProviders.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** The default progress listener of every operation; default none. */
    public FluentConfiguration listener(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The clock for timestamps and retention; default UTC system time. For tests. */
    public FluentConfiguration clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Validates cross-field rules and freezes the settings. */
    public Configuration build() {
        if (repository == null) {
            throw new InvalidConfigurationException("no repository is configured",
                    "call repository(\"file:/var/backups/db1\") or repository(Path)");
        }
        return new Configuration(this);
    }

    /** Opens the existing repository. */
    public Firedrill load() {
        Configuration configuration = build();
        return new Firedrill(configuration, runtime().open(configuration));
    }

    /** Creates a repository with this encryption and opens it. Fails if a repository already exists there. */
    public Firedrill init(Encryption encryption) {
        Objects.requireNonNull(encryption, "encryption");
        encryption.validate();
        Configuration configuration = build();
        return new Firedrill(configuration, runtime().create(configuration, encryption));
    }

    /** Creates a repository encrypted with the configured {@link #passphrase(char[])}, and opens it. */
    public Firedrill init() {
        if (passphrase == null) {
            throw new InvalidConfigurationException("init() without arguments needs a passphrase",
                    "call passphrase(...) first, or init(Encryption.recipients(...)) / init(Encryption.none())");
        }
        return init(Encryption.passphrase(passphrase));
    }

    /**
     * Creates a repository meant to hold copies of {@code source}'s backups, for example off site, and opens it.
     * It shares the source's master keys and chunking, so {@code source.copy().to(...)} moves packs byte for
     * byte, without decrypting them; its own key files are made for {@code encryption} (say, a different
     * passphrase, or a recipient whose secret is kept off site). An encrypted source needs an encrypted copy
     * and a key that can read it; an unencrypted one, {@link Encryption#none()}. Anyone who can open either
     * repository can read both, which is the point of sharing keys; use {@link #init(Encryption)} and a
     * re-encrypting copy when the copy must have keys of its own.
     */
    public Firedrill initCopyOf(Firedrill source, Encryption encryption) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(encryption, "encryption");
        encryption.validate();
        Configuration configuration = build();
        return new Firedrill(configuration, runtime().createCopyOf(configuration, encryption, source.session()));
    }

    /** {@link #initCopyOf(Firedrill, Encryption)} with the configured {@link #passphrase(char[])}. */
    public Firedrill initCopyOf(Firedrill source) {
        if (passphrase == null) {
            throw new InvalidConfigurationException("initCopyOf(source) without an encryption needs a passphrase",
                    "call passphrase(...) first, or initCopyOf(source, Encryption...)");
        }
        return initCopyOf(source, Encryption.passphrase(passphrase));
    }

    private static RepositoryRuntime runtime() {
        List<RepositoryRuntime> found = new ArrayList<>();
        ServiceLoader.load(RepositoryRuntime.class, FluentConfiguration.class.getClassLoader()).forEach(found::add);
        if (found.isEmpty()) {
            throw new PluginNotFoundException("no Firedrill runtime is on the classpath",
                    "add the dependency io.firedrill:firedrill-core (and, in a fat jar, merge META-INF/services files)");
        }
        return found.get(0);
    }

    private static String defaultHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
