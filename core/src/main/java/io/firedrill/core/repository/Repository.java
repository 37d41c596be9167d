package io.firedrill.core.repository;

import io.firedrill.api.Compression;
import io.firedrill.api.Configuration;
import io.firedrill.api.CorruptObjectException;
import io.firedrill.api.Encryption;
import io.firedrill.api.ErrorCode;
import io.firedrill.api.FiredrillException;
import io.firedrill.api.RepositoryInfo;
import io.firedrill.api.spi.Storage;
import io.firedrill.core.chunking.ContentDefinedChunker;
import io.firedrill.core.chunking.GearTable;
import io.firedrill.core.compression.BlobCodec;
import io.firedrill.core.crypto.AesGcmSealer;
import io.firedrill.core.crypto.BlobIdHasher;
import io.firedrill.core.crypto.ChecksumSealer;
import io.firedrill.core.crypto.MasterKeys;
import io.firedrill.core.crypto.Sealer;
import io.firedrill.core.crypto.SessionKey;
import io.firedrill.core.index.IndexFiles;
import io.firedrill.core.index.IndexWriter;
import io.firedrill.core.index.RepositoryIndex;
import io.firedrill.core.pack.BlobReader;
import io.firedrill.core.pack.BlobStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import io.firedrill.api.spi.StorageFeature;
import io.firedrill.core.lock.LockMode;
import io.firedrill.core.lock.LockSettings;
import io.firedrill.core.lock.RepositoryLock;
import io.firedrill.core.lock.RepositoryLocks;
import java.time.Duration;
import java.time.Instant;

/**
 * An opened repository: its storage, its configuration, and the keys and codecs derived from them. Creates
 * the per-operation pieces (index, blob store, blob reader). Thread-safe and immutable once opened.
 */
public final class Repository {
    private static final Duration SETTLE_CONSISTENT = Duration.ofMillis(50);
    private static final Duration SETTLE_EVENTUAL = Duration.ofSeconds(3);
    private final Storage storage;
    private final RepositoryConfig config;
    private final MasterKeys keys;
    private final Configuration settings;
    private final BlobIdHasher hasher;
    private final SealedDocuments documents;
    private final PackKeys packKeys;
    private final BlobCodec codec;
    private final GearTable gear;
    private volatile SessionKey sessionKey;

    Repository(Storage storage, RepositoryConfig config, MasterKeys keys, Configuration settings) {
        this.storage = storage;
        this.config = config;
        this.keys = keys;
        this.settings = settings;
        this.hasher = new BlobIdHasher(keys.idKey());
        Sealer metaSealer = config.encrypted() ? new AesGcmSealer(keys.metaKey()) : new ChecksumSealer();
        this.documents = new SealedDocuments(metaSealer);
        this.packKeys = config.encrypted() ? PackKeys.encrypted(keys.dataPrivateKey())
                : PackKeys.unencrypted(new ChecksumSealer());
        this.codec = new BlobCodec(settings.compression());
        this.gear = GearTable.fromSeed(hasher.hash(gearContext(), 0, gearContext().length));
    }

    /** Creates a repository in an empty storage location. */
    public static Repository create(Storage storage, Configuration settings, Encryption encryption) {
        return RepositoryCreation.create(storage, settings, encryption);
    }

    /** Creates a repository sharing {@code source}'s master keys and chunking, in an empty storage location. */
    public static Repository createCopyOf(Storage storage, Configuration settings, Encryption encryption,
                                          Repository source) {
        return RepositoryCreation.createCopyOf(storage, settings, encryption, source);
    }

    /** Opens the repository at a storage location. */
    public static Repository open(Storage storage, Configuration settings) {
        return RepositoryOpening.open(storage, settings);
    }

    /** The storage. */
    public Storage storage() {
        return storage;
    }

    /** The configuration object. */
    public RepositoryConfig config() {
        return config;
    }

    /** The handle's settings. */
    public Configuration settings() {
        return settings;
    }

    /** The keyed id hash. */
    public BlobIdHasher hasher() {
        return hasher;
    }

    /** The metadata sealer for index files and catalog entries. */
    public SealedDocuments documents() {
        return documents;
    }

    /**
     * Whether {@code other} was made with the same master keys (one is a copy of the other, see
     * {@link #createCopyOf}): then blob ids, packs, index files, catalog and log entries of one are valid in the
     * other byte for byte. Compares the id key, the meta key and the data public key in constant time, which is
     * what sealing needs (a write-only handle lacks only the private key); the encryption mode must match too.
     */
    public boolean sharesKeysWith(Repository other) {
        return config.encrypted() == other.config.encrypted()
                && MessageDigest.isEqual(keys.idKey(), other.keys.idKey())
                && MessageDigest.isEqual(keys.metaKey(), other.keys.metaKey())
                && MessageDigest.isEqual(keys.dataPublicKey(), other.keys.dataPublicKey());
    }

    /** The master keys, for creating a copy that shares them. */
    MasterKeys keys() {
        return keys;
    }

    /** Whether the key that opened the repository can read backups. */
    public boolean canRead() {
        return !config.encrypted() || keys.canRead();
    }

    /** A chunker for streams, keyed by the repository's secret gear table. */
    public ContentDefinedChunker streamChunker() {
        return new ContentDefinedChunker(config.chunking(), gear);
    }

    /** Loads every index file. */
    public IndexFiles.Loaded loadIndex() {
        return IndexFiles.load(storage, documents, settings.parallelism());
    }

    /** A blob store for one operation, deduplicating against {@code index}. */
    public BlobStore newBlobStore(RepositoryIndex index) {
        SessionKey session = session();
        Sealer sealer = session == null ? new ChecksumSealer() : session.sealer();
        byte[] envelope = session == null ? new byte[0] : session.envelope();
        return new BlobStore(storage, index, codec, sealer, envelope, settings.packSize(),
                new IndexWriter(storage, documents, index));
    }

    /** A blob reader; fails on first use with a write-only key. */
    public BlobReader newBlobReader() {
        requireRead();
        return new BlobReader(storage, codec, hasher, packKeys);
    }

    /** Throws unless the key that opened the repository can read backups. */
    public void requireRead() {
        if (!canRead()) {
            throw new FiredrillException(ErrorCode.ACCESS_DENIED,
                    "repository " + storage.describe() + " was opened with a write-only key, which cannot read backups",
                    "open it with a read-write passphrase or with the identity of a recipient");
        }
    }

    /**
     * The key files that fail their integrity check, with the reason. The key that opened this handle is
     * fine, but another (say, the recipient key kept for disaster recovery) may be damaged.
     */
    public java.util.Map<String, String> damagedKeyFiles() {
        java.util.List<String> names = new java.util.ArrayList<>();
        storage.list(RepositoryLayout.KEYS, info -> names.add(info.name()));
        java.util.Map<String, String> damaged = new java.util.TreeMap<>();
        for (String name : names) {
            try {
                RepositoryOpening.readKeyFile(storage, name);
            } catch (CorruptObjectException e) {
                damaged.put(name, e.getMessage());
            }
        }
        return damaged;
    }

    /** Facts for the public API. */
    public RepositoryInfo info() {
        return new RepositoryInfo(config.id(), storage.describe(), config.version(), Instant.parse(config.created()),
                config.encrypted(), canRead(), config.chunking());
    }

    /**
     * Takes a repository lock: shared for operations that add or read data, exclusive for prune. The settle
     * time is short on storages whose listings are consistent and a few seconds on the others.
     */
    public RepositoryLock lock(LockMode mode, String owner) {
        boolean consistent = storage.features().contains(StorageFeature.CONSISTENT_LIST);
        Duration expiry = settings.lockExpiry();
        Duration settle = consistent ? SETTLE_CONSISTENT : SETTLE_EVENTUAL;
        if (settle.compareTo(expiry.dividedBy(4)) >= 0) {
            settle = expiry.dividedBy(8);
        }
        LockSettings lockSettings = new LockSettings(settings.host(), ProcessHandle.current().pid(), owner, expiry,
                settings.lockWait(), settle, settings.clock());
        return RepositoryLocks.acquire(storage, mode, lockSettings);
    }

    /** Opens the session keys sealed in packs. */
    public PackKeys packKeys() {
        return packKeys;
    }

    /** The compression settings of this handle. */
    public Compression compression() {
        return settings.compression();
    }

    private SessionKey session() {
        if (!config.encrypted()) {
            return null;
        }
        SessionKey s = sessionKey;
        if (s == null) {
            synchronized (this) {
                if (sessionKey == null) {
                    sessionKey = SessionKey.create(keys.dataPublicKey());
                }
                s = sessionKey;
            }
        }
        return s;
    }

    private static byte[] gearContext() {
        return "firedrill gear table v1".getBytes(StandardCharsets.US_ASCII);
    }

    static CorruptObjectException corruptConfig(String reason) {
        return new CorruptObjectException(RepositoryLayout.CONFIG, reason);
    }
}
